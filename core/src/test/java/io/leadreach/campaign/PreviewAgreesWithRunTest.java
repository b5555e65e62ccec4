package io.leadreach.campaign;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.TemplateSpec;
import io.leadreach.TestFiles;
import io.leadreach.lead.Lead;
import io.leadreach.preview.CampaignPreview;
import io.leadreach.preview.PreviewSkip;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.template.WhatsAppTemplateBinding;
import io.leadreach.sending.SenderNumber;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.tracking.InboundReply;
import io.leadreach.tracking.TemplateStatusChange;
import io.leadreach.transport.SenderRoutingTransport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A campaign's preview and its run apply one decision: for a seeded random mix of leads (invalid
 * numbers, opt-outs in the CRM and in the consent log, inside and outside the 24-hour window, bodies
 * too long for some leads, US and UK numbers with a MARKETING binding, time zones in and out of
 * quiet hours, a pool of two numbers whose second one's WABA paused the template) the preview's
 * skips by reason are the run's skipped recipients by reason, and its sends the run's sends. The seeds are printed; {@code -Dleadreach.seed=N} runs one.
 */
class PreviewAgreesWithRunTest {

    /** 18:00 UTC: quiet in Kolkata (23:30) and Tokyo (03:00), not in UTC or New York (13:00). */
    private static final Instant START = Instant.parse("2026-03-02T18:00:00Z");
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Asia/Tokyo"), ZoneId.of("America/New_York"));
    private static final String LONG = "x".repeat(4_100);
    private static final String A = "100000000000001";
    private static final String B = "100000000000002";
    private static final String WABA_1 = "200000000000001";
    private static final String WABA_2 = "200000000000002";
    private static final String CAPTION_LONG = "y".repeat(1_050);

    static List<Long> seeds() {
        String one = System.getProperty("leadreach.seed");
        return one != null ? List.of(Long.parseLong(one)) : List.of(1L, 2L, 3L, 42L, 20261203L);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aPreviewsSkipsByReasonAreTheRunsSkipsForTheSameLeads(long seed) {
        System.out.println("PreviewAgreesWithRunTest seed " + seed);
        List<RecordingTransport> numbers = List.of(new RecordingTransport(A), new RecordingTransport(B));
        try (Fixture f = Fixture.withSenders(SenderRoutingTransport.of(numbers),
                List.of(SenderNumber.of(A).withWaba(WABA_1), SenderNumber.of(B).withWaba(WABA_2)),
                c -> c.enforceServiceWindow(true))) {
            mix(f, new Random(seed), 120);
            f.clock.set(START);
            MessageTemplate offer = f.leadReach.templates().createTemplate(ADMIN, TemplateSpec.builder()
                    .name("offer").category(TemplateCategory.PROMOTIONAL).body("Hi {first_name}, {product_interest}")
                    .binding(new WhatsAppTemplateBinding("spring_offer", "en_US", List.of("first_name"))).build());
            List<Campaign> campaigns = List.of(
                    create(f, CampaignSpec.builder().name("free form").body("Hi {name}, about {product_interest}")),
                    create(f, CampaignSpec.builder().name("with a pdf").body("See {product_interest}")
                            .attachment(TestFiles.pdf("offer.pdf"))),
                    create(f, CampaignSpec.builder().name("marketing template").templateId(offer.id())),
                    create(f, CampaignSpec.builder().name("pool").templateId(offer.id()).senderNumbers(List.of(A, B))));
            // B's WABA paused the template after the campaigns were made: B's leads outside its window are skipped
            f.tracker().apply(new TemplateStatusChange("spring_offer", "en_US", "PAUSED", null, START, WABA_2));
            List<CampaignPreview> previews = campaigns.stream()
                    .map(c -> f.leadReach.preview().previewCampaign(ADMIN, c.id(), null)).toList();

            campaigns.forEach(c -> f.service().executeCampaign(ADMIN, c.id()));
            f.runDue();
            long deferred = campaigns.stream().mapToLong(c -> f.campaigns.counts(c.id()).open()).sum();
            f.runFor(Duration.ofDays(1));

            for (int i = 0; i < campaigns.size(); i++) {
                Campaign c = campaigns.get(i);
                CampaignPreview p = previews.get(i);
                List<CampaignRecipient> recipients = f.campaigns.recipients(c.id(), 0, 10_000);
                Map<String, Long> runSkips = recipients.stream()
                        .filter(r -> r.status() == RecipientStatus.SKIPPED)
                        .collect(Collectors.groupingBy(r -> r.skipReason().name(), TreeMap::new, Collectors.counting()));
                Map<String, Long> previewSkips = p.skipped().entrySet().stream().filter(e -> e.getValue() > 0)
                        .collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue, Long::sum, TreeMap::new));
                assertThat(runSkips).as("seed %d, campaign '%s': skips by reason", seed, c.name())
                        .isEqualTo(previewSkips);
                assertThat(f.campaigns.counts(c.id()).sent()).as("seed %d, campaign '%s': sends", seed, c.name())
                        .isEqualTo(p.willSend());
                assertThat(f.campaigns.counts(c.id()).open()).isZero();
                REASONS_SEEN.addAll(p.skipped().entrySet().stream().filter(e -> e.getValue() > 0)
                        .map(Map.Entry::getKey).toList());
            }
            // the mix is what it claims: some leads waited for the end of their quiet hours
            assertThat(deferred).as("seed %d: recipients deferred for quiet hours", seed).isPositive();
            // and every reason the preview can share with a run occurs in every seed's mix
            assertThat(REASONS_SEEN).containsAll(EnumSet.complementOf(EnumSet.of(PreviewSkip.ABOVE_MESSAGING_LIMIT)));
            REASONS_SEEN.clear();
        }
    }

    private static final Set<PreviewSkip> REASONS_SEEN = EnumSet.noneOf(PreviewSkip.class);

    private static Campaign create(Fixture f, CampaignSpec.Builder spec) {
        return f.service().createCampaign(ADMIN, spec.messagesPerMinute(100_000).build());
    }

    /**
     * {@code n} leads: each picks a number (invalid, US or UK), an opt-out (none, in the CRM, in the
     * consent log), whether it wrote an hour ago, a product interest (short, too long for a text,
     * too long for a caption) and a time zone (none, or one of {@link #ZONES}).
     */
    private static void mix(Fixture f, Random random, int n) {
        Instant wroteAt = START.minus(Duration.ofHours(1));
        f.clock.set(wroteAt);
        for (int i = 1; i <= n; i++) {
            int kind = random.nextInt(10);
            String mobile = kind == 0 ? "12345" : kind < 6 ? Fixture.mobile(i) : String.format("+447400%06d", 100_000 + i);
            int interest = random.nextInt(8);
            Lead.Builder lead = Lead.builder(i).name("Lead " + i).mobile(mobile).status("new")
                    .productInterest(interest == 0 ? LONG : interest == 1 ? CAPTION_LONG : "loans")
                    .optedOut(random.nextInt(12) == 0);
            int zone = random.nextInt(ZONES.size() + 1);
            if (zone < ZONES.size()) {
                lead.timeZone(ZONES.get(zone));
            }
            f.leads.put(lead.build());
            if (kind != 0 && random.nextInt(12) == 0) {
                f.consent.optOut(mobile, "test", wroteAt);
            }
            if (kind != 0 && random.nextBoolean()) {
                f.tracker().apply(new InboundReply(mobile, "wamid.in-" + i, "hello", null, null, "text", null, wroteAt));
            }
        }
    }
}
