package io.leadreach.tracking;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.TemplateSpec;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.SkipReason;
import io.leadreach.internal.Access;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.template.TemplateStore;
import io.leadreach.template.WhatsAppTemplateBinding;
import io.leadreach.transport.MessageContent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Template status webhooks keep each binding's provider status, and only approved bindings are sent. */
class TemplateStatusTest {

    private Fixture f;
    private TemplateStore templates;
    private MessageTemplate offer;

    @BeforeEach
    void setUp() {
        f = new Fixture(b -> b.enforceServiceWindow(true)).withLeads(2);
        templates = Access.wiring(f.leadReach).templates();
        offer = templates.save(new MessageTemplate(0, "offer", TemplateCategory.PROMOTIONAL, "Hi {name}", null, true,
                0, "admin", Fixture.NOON, new WhatsAppTemplateBinding("spring_offer", "en_US", List.of("name"))));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private Tracking.Outcome report(String name, String language, String status, Instant at) {
        return f.tracker().apply(new TemplateStatusChange(name, language, status, null, at));
    }

    private WhatsAppTemplateBinding binding() {
        return templates.findById(offer.id()).orElseThrow().binding();
    }

    @Test
    void aStatusReportUpdatesTheMatchingBindingOnly() {
        MessageTemplate german = templates.save(new MessageTemplate(0, "angebot", TemplateCategory.PROMOTIONAL, "Hallo",
                null, true, 0, "admin", Fixture.NOON, new WhatsAppTemplateBinding("spring_offer", "de", List.of())));
        Instant t = f.clock.instant();
        assertThat(report("spring_offer", "en_US", "REJECTED", t)).isEqualTo(Tracking.Outcome.APPLIED);
        assertThat(binding().status()).isEqualTo("REJECTED");
        assertThat(binding().statusAt()).isEqualTo(t);
        assertThat(binding().usable()).isFalse();
        assertThat(templates.findById(german.id()).orElseThrow().binding().status()).isNull();
        assertThat(report("spring_offer", "en_US", "REJECTED", t)).isEqualTo(Tracking.Outcome.DUPLICATE);
        assertThat(report("unknown_template", null, "APPROVED", t)).isEqualTo(Tracking.Outcome.UNKNOWN);
        // without a language, every language's binding of that name
        assertThat(report("spring_offer", null, "PAUSED", t.plusSeconds(60))).isEqualTo(Tracking.Outcome.APPLIED);
        assertThat(templates.findById(german.id()).orElseThrow().binding().status()).isEqualTo("PAUSED");
        assertThat(binding().status()).isEqualTo("PAUSED");
    }

    @Test
    void anOlderReportDoesNotUndoANewerOne() {
        Instant t = f.clock.instant();
        report("spring_offer", "en_US", "DISABLED", t);
        assertThat(report("spring_offer", "en_US", "APPROVED", t.minusSeconds(60)))
                .isEqualTo(Tracking.Outcome.DUPLICATE);
        assertThat(binding().status()).isEqualTo("DISABLED");
        report("spring_offer", "en_US", "REINSTATED", t.plusSeconds(60));
        assertThat(binding().status()).isEqualTo(WhatsAppTemplateBinding.APPROVED);
        assertThat(binding().usable()).isTrue();
    }

    @Test
    void aCampaignFromATemplateWhoseBindingIsNotApprovedSkipsLeadsOutsideTheWindow() {
        report("spring_offer", "en_US", "PAUSED", f.clock.instant());
        f.inbound(2, "hi");
        Campaign c = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("paused").templateId(offer.id())
                .messagesPerMinute(100_000).build());
        assertThat(c.binding()).isNull();
        f.service().executeCampaign(ADMIN, c.id());
        f.runFor(Duration.ofMinutes(1));
        assertThat(f.campaigns.recipients(c.id(), 0, 10)).filteredOn(r -> r.leadId() == 1).singleElement()
                .satisfies(r -> assertThat(r.skipReason()).isEqualTo(SkipReason.OUTSIDE_SERVICE_WINDOW));
        assertThat(f.transport.messages()).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo(Fixture.mobile(2));
            assertThat(m.content()).isInstanceOf(MessageContent.Text.class);
        });

        report("spring_offer", "en_US", "APPROVED", f.clock.instant());
        Campaign again = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("approved")
                .templateId(offer.id()).messagesPerMinute(100_000).build());
        assertThat(again.binding()).isNotNull();
    }

    @Test
    void editingATemplateKeepsItsBindingsStatus() {
        report("spring_offer", "en_US", "REJECTED", f.clock.instant());
        f.leadReach.templates().updateTemplate(ADMIN, offer.id(), new TemplateSpec("offer", TemplateCategory.PROMOTIONAL,
                "Hello {name}", null, true, new WhatsAppTemplateBinding("spring_offer", "en_US", List.of("name"))));
        assertThat(binding().status()).isEqualTo("REJECTED");
        f.leadReach.templates().updateTemplate(ADMIN, offer.id(), new TemplateSpec("offer", TemplateCategory.PROMOTIONAL,
                "Hello {name}", null, true, new WhatsAppTemplateBinding("summer_offer", "en_US", List.of("name"))));
        assertThat(binding().status()).isNull();
    }
}
