package io.leadreach.tracking;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.SendResult;
import io.leadreach.ValidationException;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.campaign.SkipReason;
import io.leadreach.internal.Access;
import io.leadreach.message.MessageStatus;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.template.WhatsAppTemplateBinding;
import io.leadreach.transport.MessageContent;
import io.leadreach.transport.OutboundMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The 24-hour customer service window, with the engine's rule on (as by default). */
class ServiceWindowTest {

    private Fixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private Fixture windowed(int leads) {
        return new Fixture(b -> b.enforceServiceWindow(true)).withLeads(leads);
    }

    private Campaign run(CampaignSpec.Builder spec) {
        Campaign c = f.service().createCampaign(ADMIN, spec.name("c" + System.nanoTime()).messagesPerMinute(100_000)
                .build());
        f.service().executeCampaign(ADMIN, c.id());
        f.runFor(Duration.ofMinutes(1));
        return c;
    }

    private CampaignRecipient recipientOf(Campaign c, long leadId) {
        return f.campaigns.recipients(c.id(), 0, 1_000).stream().filter(r -> r.leadId() == leadId).findFirst()
                .orElseThrow();
    }

    @Test
    void theRuleIsOnByDefault() {
        assertThat(io.leadreach.sending.SendingConfig.ofDefaults().enforceServiceWindow()).isTrue();
    }

    @Test
    void freeFormTextGoesOnlyToLeadsWhoWroteInTheLast24Hours() {
        f = windowed(3);
        f.inbound(1, "hi");
        f.clock.advance(Duration.ofHours(23));
        f.inbound(2, "hello");
        f.clock.advance(Duration.ofHours(2)); // lead 1 wrote 25 h ago, lead 2 2 h ago, lead 3 never

        Campaign c = run(CampaignSpec.builder().body("Hi {name}"));

        assertThat(f.transport.messages()).extracting(OutboundMessage::to).containsExactly(Fixture.mobile(2));
        assertThat(recipientOf(c, 1).skipReason()).isEqualTo(SkipReason.OUTSIDE_SERVICE_WINDOW);
        assertThat(recipientOf(c, 3).skipReason()).isEqualTo(SkipReason.OUTSIDE_SERVICE_WINDOW);
        assertThat(f.campaigns.counts(c.id()).skipped()).isEqualTo(2);
    }

    private static final String UK = "+447400123001";

    @Test
    void outsideTheWindowACampaignWithABindingSendsTheApprovedTemplate() {
        f = windowed(2);
        // Lead 1 has a UK number: Meta delivers no MARKETING template to a +1 number (SendDecisionTest).
        f.leads.put(f.leads.findById(1).orElseThrow().toBuilder().mobile(UK).productInterest("home loan").build());
        MessageTemplate t = Access.wiring(f.leadReach).templates().save(new MessageTemplate(0, "offer",
                TemplateCategory.PROMOTIONAL, "Hi {first_name}, our {product_interest} offer ends Friday.", null, true,
                0, "admin", f.clock.instant(),
                new WhatsAppTemplateBinding("spring_offer", "en_US", List.of("first_name", "product_interest"))));
        f.inbound(2, "hi"); // lead 2 is inside the window: free-form text

        Campaign c = run(CampaignSpec.builder().templateId(t.id()));

        OutboundMessage toLead1 = f.transport.messagesTo(UK).get(0);
        assertThat(toLead1.content()).isEqualTo(new MessageContent.Template("spring_offer", "en_US",
                List.of("Lead", "home loan"), null, List.of()));
        OutboundMessage toLead2 = f.transport.messagesTo(Fixture.mobile(2)).get(0);
        assertThat(toLead2.content()).isInstanceOf(MessageContent.Text.class);
        assertThat(recipientOf(c, 1).status()).isEqualTo(RecipientStatus.SENT);
    }

    @Test
    void aSingleSendOutsideTheWindowIsRefusedWithATypedErrorAndSendsNothing() {
        f = windowed(1);
        assertThatThrownBy(() -> f.service().sendSingleMessage(ADMIN, 1, "Hi", null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.hasCode("outside_service_window")).isTrue());
        assertThat(f.transport.count()).isZero();

        f.inbound(1, "hello?");
        SendResult sent = f.service().sendSingleMessage(ADMIN, 1, "Hi {name}", null);
        assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
    }

    @Test
    void aTemplateSendUsesTheFreeFormBodyInsideTheWindowAndTheBindingOutside() {
        f = windowed(2);
        MessageTemplate bound = Access.wiring(f.leadReach).templates().save(new MessageTemplate(0, "bound",
                TemplateCategory.FOLLOW_UP, "Hi {first_name}!", null, true, 0, "admin", f.clock.instant(),
                new WhatsAppTemplateBinding("follow_up", "en_US", List.of("first_name"))));
        MessageTemplate unbound = Access.wiring(f.leadReach).templates().save(new MessageTemplate(0, "unbound",
                TemplateCategory.FOLLOW_UP, "Hello {name}", null, true, 0, "admin", f.clock.instant(), null));
        f.inbound(1, "hi");

        assertThat(f.service().sendTemplateMessage(ADMIN, 1, bound.id()).status()).isEqualTo(MessageStatus.SENT);
        assertThat(f.transport.messagesTo(Fixture.mobile(1)).get(0).content())
                .isEqualTo(new MessageContent.Text("Hi Lead!", false));
        assertThat(f.service().sendTemplateMessage(ADMIN, 2, bound.id()).status()).isEqualTo(MessageStatus.SENT);
        assertThat(f.transport.messagesTo(Fixture.mobile(2)).get(0).content())
                .isEqualTo(new MessageContent.Template("follow_up", "en_US", List.of("Lead"), null, List.of()));
        assertThat(Access.wiring(f.leadReach).templates().findById(bound.id()).orElseThrow().usageCount()).isEqualTo(2);

        assertThatThrownBy(() -> f.service().sendTemplateMessage(ADMIN, 2, unbound.id()))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.hasCode("outside_service_window")).isTrue());
        assertThat(f.transport.count()).isEqualTo(2);
    }

    @Test
    void aSmallBulkSendReportsTheLeadsOutsideTheWindowAsFailedWithoutSending() {
        f = windowed(2);
        f.inbound(1, "hi");
        var result = f.service().sendBulkMessages(ADMIN, List.of(1L, 2L), "Hi", null);
        assertThat(result.results()).extracting(SendResult::errorCode).containsExactly(null, "outside_service_window");
        assertThat(f.transport.count()).isEqualTo(1);
    }
}
