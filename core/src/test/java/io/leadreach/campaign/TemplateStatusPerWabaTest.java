package io.leadreach.campaign;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.ValidationException;
import io.leadreach.internal.Access;
import io.leadreach.preview.CampaignPreview;
import io.leadreach.preview.PreviewSkip;
import io.leadreach.sending.SenderNumber;
import io.leadreach.sending.SenderNumbers;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.template.TemplateStore;
import io.leadreach.template.WhatsAppTemplateBinding;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.tracking.InboundReply;
import io.leadreach.tracking.TemplateStatusChange;
import io.leadreach.tracking.Tracking;
import io.leadreach.transport.MessageContent;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SenderRoutingTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Meta approves a template per WhatsApp Business Account: number A is in WABA 1 and number B in
 * WABA 2, and a template status reported for one WABA decides what the numbers of that WABA send.
 * Leads outside the 24-hour window get the approved template (the window rule is on), so a pool
 * campaign on A and B shows which number may send it.
 */
class TemplateStatusPerWabaTest {

    private static final String A = "100000000000001";
    private static final String B = "100000000000002";
    private static final String WABA_1 = "200000000000001";
    private static final String WABA_2 = "200000000000002";
    private static final int LEADS = 40;
    private static final SenderNumbers REGISTRY = SenderNumbers.of(List.of(SenderNumber.of(A), SenderNumber.of(B)));

    private final RecordingTransport fromA = new RecordingTransport(A);
    private final RecordingTransport fromB = new RecordingTransport(B);
    private Fixture f;
    private TemplateStore templates;
    private MessageTemplate offer;

    @BeforeEach
    void setUp() {
        f = Fixture.withSenders(SenderRoutingTransport.of(List.of(fromA, fromB)),
                List.of(SenderNumber.of(A).withWaba(WABA_1), SenderNumber.of(B).withWaba(WABA_2)),
                b -> b.enforceServiceWindow(true)).withLeads(LEADS);
        templates = Access.wiring(f.leadReach).templates();
        // FOLLOW_UP: a UTILITY template, which Meta delivers to the fixture's +1 numbers
        offer = templates.save(new MessageTemplate(0, "offer", TemplateCategory.FOLLOW_UP, "Hi {name}", null, true, 0,
                "admin", Fixture.NOON, new WhatsAppTemplateBinding("spring_offer", "en_US", List.of("name"))));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private Tracking.Outcome report(String waba, String status, Instant at) {
        return f.tracker().apply(new TemplateStatusChange("spring_offer", "en_US", status, null, at, waba));
    }

    private Campaign create(String name, List<String> numbers) {
        return f.service().createCampaign(ADMIN, CampaignSpec.builder().name(name).templateId(offer.id())
                .messagesPerMinute(1_000_000).senderNumbers(numbers).build());
    }

    private Campaign run(Campaign c) {
        f.service().executeCampaign(ADMIN, c.id());
        f.runFor(Duration.ofMinutes(5));
        return c;
    }

    private static String numberOf(long leadId) {
        return REGISTRY.pick(List.of(A, B), leadId).id();
    }

    private static long leadsOf(String number) {
        long n = 0;
        for (long id = 1; id <= LEADS; id++) {
            n += numberOf(id).equals(number) ? 1 : 0;
        }
        return n;
    }

    private List<CampaignRecipient> recipients(Campaign c) {
        return f.campaigns.recipients(c.id(), 0, LEADS + 10);
    }

    /** Every message from A is the approved template; none went from B; B's leads are skipped with the new reason. */
    private void assertSentFromAOnly(Campaign c) {
        assertThat(fromB.count()).as("sent from B").isZero();
        assertThat(fromA.count()).isEqualTo((int) leadsOf(A));
        for (OutboundMessage m : fromA.messages()) {
            assertThat(m.from()).isEqualTo(A);
            assertThat(m.content()).isInstanceOfSatisfying(MessageContent.Template.class,
                    t -> assertThat(t.name()).isEqualTo("spring_offer"));
        }
        for (CampaignRecipient r : recipients(c)) {
            if (numberOf(r.leadId()).equals(A)) {
                assertThat(r.status()).as("lead %d of A", r.leadId()).isEqualTo(RecipientStatus.SENT);
            } else {
                assertThat(r.status()).as("lead %d of B", r.leadId()).isEqualTo(RecipientStatus.SKIPPED);
                assertThat(r.skipReason()).isEqualTo(SkipReason.TEMPLATE_NOT_APPROVED_FOR_NUMBER);
            }
        }
        CampaignCounters counts = f.campaigns.counts(c.id());
        assertThat(counts.sent()).isEqualTo(leadsOf(A));
        assertThat(counts.skipped()).isEqualTo(leadsOf(B));
        assertThat(counts.total()).isEqualTo(LEADS);
    }

    @Test
    void theLeadsOfANumberWhoseWabaPausedTheTemplateAreSkippedWhileTheOtherNumberSendsIt() {
        assertThat(leadsOf(A)).isPositive();
        assertThat(leadsOf(B)).isPositive();
        // WABA 1 never reported: a report of WABA 2 says nothing about it
        assertThat(report(WABA_2, "PAUSED", f.clock.instant())).isEqualTo(Tracking.Outcome.APPLIED);
        Campaign c = create("pool", List.of(A, B));
        assertThat(c.binding()).as("A may still send it").isNotNull();

        CampaignPreview preview = f.leadReach.preview().previewCampaign(ADMIN, c.id(), null);
        assertThat(preview.skipped()).containsEntry(PreviewSkip.TEMPLATE_NOT_APPROVED_FOR_NUMBER, leadsOf(B));
        assertThat(preview.templateSends()).isEqualTo(leadsOf(A));

        assertSentFromAOnly(run(c));
    }

    @Test
    void aPauseReportedAfterTheCampaignWasMadeStopsTheTemplateFromThatWabasNumbersOnly() {
        report(WABA_1, "APPROVED", f.clock.instant());
        report(WABA_2, "APPROVED", f.clock.instant());
        Campaign c = create("pool", List.of(A, B));
        assertThat(c.binding()).isNotNull();
        f.clock.advance(Duration.ofMinutes(1));
        report(WABA_2, "PAUSED", f.clock.instant());

        assertSentFromAOnly(run(c));
    }

    @Test
    void aLeadInsideBsWindowStillGetsTheFreeFormMessageFromB() {
        long first = 1;
        while (!numberOf(first).equals(B)) {
            first++;
        }
        long leadOfB = first;
        f.tracker().apply(new InboundReply(Fixture.mobile(leadOfB), "wamid.in-b", "hi", null, null, "text", null,
                f.clock.instant(), B));
        report(WABA_2, "REJECTED", f.clock.instant());
        Campaign c = run(create("pool", List.of(A, B)));

        assertThat(fromB.messages()).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo(Fixture.mobile(leadOfB));
            assertThat(m.content()).isInstanceOf(MessageContent.Text.class);
        });
        assertThat(f.campaigns.counts(c.id()).skipped()).isEqualTo(leadsOf(B) - 1);
        assertThat(f.campaigns.counts(c.id()).sent()).isEqualTo(leadsOf(A) + 1);
    }

    @Test
    void aCampaignWhoseNumbersAllHaveTheTemplateNotApprovedCarriesNoBinding() {
        report(WABA_2, "DISABLED", f.clock.instant());
        assertThat(create("only B", List.of(B)).binding()).isNull();
        assertThat(create("only A", List.of(A)).binding()).isNotNull();
        report(WABA_1, "PAUSED", f.clock.instant());
        Campaign c = create("pool", List.of(A, B));
        assertThat(c.binding()).isNull();
        run(c);
        assertThat(recipients(c)).allSatisfy(r -> assertThat(r.skipReason()).isEqualTo(SkipReason.OUTSIDE_SERVICE_WINDOW));
        assertThat(fromA.count() + fromB.count()).isZero();
    }

    @Test
    void aStatusWithoutWabaStillDecidesForEveryNumberAsBefore() {
        assertThat(report(null, "PAUSED", f.clock.instant())).isEqualTo(Tracking.Outcome.APPLIED);
        WhatsAppTemplateBinding b = templates.findById(offer.id()).orElseThrow().binding();
        assertThat(b.status()).isEqualTo("PAUSED");
        assertThat(b.wabaStatuses()).isEmpty();
        Campaign paused = run(create("paused", List.of(A, B)));
        assertThat(paused.binding()).isNull();
        assertThat(recipients(paused)).allSatisfy(r -> assertThat(r.skipReason())
                .isEqualTo(SkipReason.OUTSIDE_SERVICE_WINDOW));

        f.clock.advance(Duration.ofMinutes(1));
        assertThat(report(null, "REINSTATED", f.clock.instant())).isEqualTo(Tracking.Outcome.APPLIED);
        Campaign approved = run(create("approved", List.of(A, B)));
        assertThat(f.campaigns.counts(approved.id()).sent()).isEqualTo(LEADS);
        assertThat(fromA.count()).isEqualTo((int) leadsOf(A));
        assertThat(fromB.count()).isEqualTo((int) leadsOf(B));
    }

    @Test
    void aLateOlderReportForOneWabaDoesNotOverwriteItsNewerOne() {
        Instant t = f.clock.instant();
        report(WABA_2, "PAUSED", t);
        assertThat(report(WABA_2, "APPROVED", t.minusSeconds(60))).isEqualTo(Tracking.Outcome.DUPLICATE);
        // another WABA's newer report, or one without a WABA, leaves WABA 2's own status as it is
        assertThat(report(WABA_1, "APPROVED", t.plusSeconds(60))).isEqualTo(Tracking.Outcome.APPLIED);
        assertThat(report(null, "APPROVED", t.plusSeconds(120))).isEqualTo(Tracking.Outcome.APPLIED);
        WhatsAppTemplateBinding b = templates.findById(offer.id()).orElseThrow().binding();
        assertThat(b.wabaStatuses().get(WABA_2)).isEqualTo(new WhatsAppTemplateBinding.ProviderStatus("PAUSED", t));
        assertThat(b.usableIn(WABA_2)).isFalse();
        assertThat(b.usableIn(WABA_1)).isTrue();

        assertSentFromAOnly(run(create("pool", List.of(A, B))));
    }

    @Test
    void aSingleTemplateSendGoesFromTheDefaultNumberOnlyWhenItsWabaHasTheTemplateApproved() {
        report(WABA_2, "PAUSED", f.clock.instant());
        assertThat(f.service().sendTemplateMessage(ADMIN, 1, offer.id()).isAccepted()).isTrue();
        assertThat(fromA.messages()).singleElement()
                .satisfies(m -> assertThat(m.content()).isInstanceOf(MessageContent.Template.class));

        report(WABA_1, "PAUSED", f.clock.instant());
        assertThatThrownBy(() -> f.service().sendTemplateMessage(ADMIN, 2, offer.id()))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors().get(0).code()).isEqualTo("outside_service_window"));
        assertThat(fromA.count() + fromB.count()).isEqualTo(1);
    }
}
