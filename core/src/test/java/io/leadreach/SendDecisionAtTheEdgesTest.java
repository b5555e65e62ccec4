package io.leadreach;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.campaign.SkipReason;
import io.leadreach.lead.Lead;
import io.leadreach.preview.CampaignPreview;
import io.leadreach.preview.PreviewSkip;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.template.WhatsAppTemplateBinding;
import io.leadreach.transport.MessageContent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where the runner, the service and the preview used to disagree, they now give the one
 * {@link io.leadreach.internal.SendDecision}'s answer, each in its own terms.
 */
class SendDecisionAtTheEdgesTest {

    private static final String UK = "+447400123001";
    /** Monday 23:00 UTC: quiet hours in UTC until 09:00. */
    private static final Instant LATE = Instant.parse("2026-03-02T23:00:00Z");

    /** Lead 1 on a US number, lead 2 on a UK one; nobody wrote in: the 24-hour window is closed for both. */
    private final Fixture f = new Fixture(c -> c.enforceServiceWindow(true)).withLeads(2);

    @AfterEach
    void close() {
        f.close();
    }

    private MessageTemplate bound(TemplateCategory category) {
        f.leads.put(f.leads.findById(2).orElseThrow().toBuilder().mobile(UK).build());
        return f.leadReach.templates().createTemplate(ADMIN, TemplateSpec.builder().name("t-" + category)
                .category(category).body("Hello {first_name}")
                .binding(new WhatsAppTemplateBinding("wa_" + category.name().toLowerCase(java.util.Locale.ROOT),
                        "en_US", List.of("first_name"))).build());
    }

    private Campaign run(CampaignSpec.Builder spec) {
        Campaign c = f.service().createCampaign(ADMIN, spec.name("c").messagesPerMinute(100_000).build());
        f.service().executeCampaign(ADMIN, c.id());
        f.runFor(Duration.ofMinutes(1));
        return c;
    }

    private CampaignRecipient recipientOf(Campaign c, long leadId) {
        return f.campaigns.recipients(c.id(), 0, 100).stream().filter(r -> r.leadId() == leadId).findFirst()
                .orElseThrow();
    }

    private static void refusedWith(ThrowingRunnable call, String field, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.errors()).hasSize(1);
            assertThat(e.errors().get(0).field()).isEqualTo(field);
            assertThat(e.errors().get(0).code()).isEqualTo(code);
        });
    }

    private interface ThrowingRunnable {
        void run();
    }

    @Test
    void aCampaignSkipsAMarketingTemplateToAPlusOneNumberAsItsPreviewSaid() {
        MessageTemplate t = bound(TemplateCategory.PROMOTIONAL);
        Campaign draft = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("c").templateId(t.id())
                .messagesPerMinute(100_000).build());
        CampaignPreview p = f.leadReach.preview().previewCampaign(ADMIN, draft.id(), null);
        f.service().executeCampaign(ADMIN, draft.id());
        f.runFor(Duration.ofMinutes(1));

        assertThat(p.skipped(PreviewSkip.MARKETING_TO_US_NUMBER)).isEqualTo(1);
        assertThat(recipientOf(draft, 1).skipReason()).isEqualTo(SkipReason.MARKETING_TO_US_NUMBER);
        assertThat(f.transport.messagesTo(Fixture.mobile(1))).isEmpty();
        assertThat(recipientOf(draft, 2).status()).isEqualTo(RecipientStatus.SENT);
        assertThat(f.transport.messagesTo(UK)).singleElement()
                .satisfies(m -> assertThat(m.content()).isInstanceOf(MessageContent.Template.class));
    }

    @Test
    void aUtilityTemplateStillReachesPlusOneNumbers() {
        MessageTemplate t = bound(TemplateCategory.REMINDER);
        Campaign c = run(CampaignSpec.builder().templateId(t.id()));
        assertThat(recipientOf(c, 1).status()).isEqualTo(RecipientStatus.SENT);
        assertThat(f.service().sendTemplateMessage(ADMIN, 1, t.id()).isAccepted()).isTrue();
    }

    @Test
    void theServiceRefusesAMarketingTemplateToAPlusOneNumberAndSendsItElsewhere() {
        MessageTemplate t = bound(TemplateCategory.PROMOTIONAL);
        refusedWith(() -> f.service().sendTemplateMessage(ADMIN, 1, t.id()), "leadId", "marketing_to_us_number");
        refusedWith(() -> f.service().sendTestMessage(ADMIN, Fixture.mobile(9), null, t.id(), null), "to",
                "marketing_to_us_number");
        assertThat(f.transport.count()).isZero();
        assertThat(f.service().sendTemplateMessage(ADMIN, 2, t.id()).isAccepted()).isTrue();
        assertThat(f.service().sendTestMessage(ADMIN, UK, null, t.id(), null).asTemplate()).isTrue();
    }

    @Test
    void aRecipientThatWouldBeSkippedIsSkippedAtOnceNotDeferredPastQuietHours() {
        f.clock.set(LATE);
        Campaign c = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("c").body("Hi")
                .messagesPerMinute(100_000).build());
        f.service().executeCampaign(ADMIN, c.id());
        f.runDue();
        // the window is closed and there is no template: waiting for the morning would not help
        assertThat(recipientOf(c, 1).skipReason()).isEqualTo(SkipReason.OUTSIDE_SERVICE_WINDOW);
        assertThat(f.campaigns.counts(c.id()).open()).isZero();
    }

    @Test
    void aMessageTooLongForALeadIsRefusedAsSuchInQuietHoursNotThrottled() {
        try (Fixture open = new Fixture().withLeads(1)) {
            open.leads.put(open.leads.findById(1).orElseThrow().toBuilder().productInterest("x".repeat(4095)).build());
            open.clock.set(LATE);
            refusedWith(() -> open.service().sendSingleMessage(ADMIN, 1, "About {product_interest}", null), "message",
                    "too_long");
            assertThatThrownBy(() -> open.service().sendSingleMessage(ADMIN, 1, "Hi", null))
                    .isInstanceOf(ThrottledException.class);
            assertThat(open.transport.count()).isZero();
        }
    }

    @Test
    void thePreviewPredictsAMessageTooLongForOneLead() {
        try (Fixture open = new Fixture().withLeads(3)) {
            open.leads.put(Lead.builder(2).name("Lead 2").mobile(Fixture.mobile(2)).productInterest("x".repeat(1020))
                    .build());
            CampaignSpec spec = CampaignSpec.builder().name("c").body("About {product_interest}")
                    .attachment(TestFiles.pdf("offer.pdf")).messagesPerMinute(100_000).build();

            CampaignPreview p = open.leadReach.preview().previewCampaign(ADMIN, spec, null);
            Campaign c = open.service().createCampaign(ADMIN, spec);
            open.service().executeCampaign(ADMIN, c.id());
            open.runFor(Duration.ofMinutes(1));

            assertThat(p.skipped(PreviewSkip.MESSAGE_TOO_LONG)).isEqualTo(1);
            assertThat(p.willSend()).isEqualTo(2);
            assertThat(open.campaigns.counts(c.id()).skipped()).isEqualTo(1);
            assertThat(open.campaigns.counts(c.id()).sent()).isEqualTo(2);
        }
    }
}
