package io.leadreach.contract;

import static io.leadreach.contract.TestRecords.aMessage;
import static io.leadreach.contract.TestRecords.aCampaign;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.analytics.AnalyticsStore;
import io.leadreach.analytics.DailyTotals;
import io.leadreach.analytics.MessageTotals;
import io.leadreach.analytics.WeekdayHourCounts;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignKind;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.message.MessageStore;
import io.leadreach.sending.RetryPolicy;
import io.leadreach.sending.ThrottleConfig;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AnalyticsStore} passes; a store adapter's test is a subclass that
 * supplies the analytics store with the message and campaign stores it reads.
 */
public abstract class AnalyticsStoreContract {

    /** Monday 2 March 2026, 10:00 UTC. */
    protected static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final ZoneId UTC = ZoneOffset.UTC;
    /** UTC+05:30, no daylight saving: 20:00 UTC is 01:30 the next day there. */
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    /** The stores under test: the analytics store must see what is written to the other two. */
    public record Stores(MessageStore messages, CampaignStore campaigns, AnalyticsStore analytics) {
    }

    protected abstract Stores newStores();

    private MessageStore messages;
    private CampaignStore campaigns;
    private AnalyticsStore analytics;
    private int seq;

    @BeforeEach
    void createStores() {
        Stores s = newStores();
        messages = s.messages();
        campaigns = s.campaigns();
        analytics = s.analytics();
    }

    private LeadMessage message(long leadId, Long campaignId, MessageStatus status, Instant sentAt,
                                Instant deliveredAt, Instant readAt) {
        int n = ++seq;
        Instant failedAt = status == MessageStatus.FAILED ? sentAt.plusSeconds(5) : null;
        return messages.save(aMessage().leadId(leadId).mobile(String.format("+1201555%04d", 100 + leadId))
                .status(status).campaignId(campaignId).correlationId("lr-a" + n)
                .providerMessageId(sentAt == null ? null : "wamid.a" + n)
                .errorCode(status == MessageStatus.FAILED ? "131026" : null).rawResponse("{}")
                .createdAt(sentAt == null ? T0 : sentAt.minusSeconds(1)).sentAt(sentAt).deliveredAt(deliveredAt)
                .readAt(readAt).failedAt(failedAt).build());
    }

    private LeadMessage sent(long leadId, Instant at) {
        return message(leadId, null, MessageStatus.SENT, at, null, null);
    }

    private LeadMessage read(long leadId, Instant sentAt, Instant readAt) {
        return message(leadId, null, MessageStatus.READ, sentAt, sentAt.plusSeconds(2), readAt);
    }

    private long campaign() {
        return campaigns.create(aCampaign().name("c").createdAt(T0).build()).id();
    }

    /** A campaign message to this lead whose recipient replied. */
    private void repliedCampaignMessage(long campaignId, long leadId, Instant sentAt) {
        campaigns.addRecipients(campaignId, List.of(leadId), T0);
        CampaignRecipient r = campaigns.claim(campaignId, "node", T0, T0.plusSeconds(60), 1).get(0);
        LeadMessage m = message(leadId, campaignId, MessageStatus.DELIVERED, sentAt, sentAt.plusSeconds(1), null);
        assertThat(campaigns.markSending(r.id(), "node", m.correlationId(), T0)).isTrue();
        assertThat(campaigns.recordReply(m.correlationId(), sentAt.plusSeconds(60))).isTrue();
    }

    @Test
    void anEmptyStoreCountsNothing() {
        assertThat(analytics.totalsBetween(T0, T0.plus(Duration.ofDays(1)))).isEqualTo(MessageTotals.ZERO);
        assertThat(analytics.totalsByCampaignBetween(T0, T0.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(analytics.sendsByWeekdayHour(T0, T0.plusSeconds(3600), UTC).total()).isZero();
    }

    @Test
    void totalsCountMessagesAcceptedInTheHalfOpenPeriod() {
        sent(1, T0.minusSeconds(1));
        sent(2, T0);
        read(3, T0.plusSeconds(10), T0.plusSeconds(100));
        message(4, null, MessageStatus.DELIVERED, T0.plusSeconds(20), T0.plusSeconds(21), null);
        message(5, null, MessageStatus.FAILED, T0.plusSeconds(30), null, null);
        message(6, null, MessageStatus.QUEUED, null, null, null);
        sent(7, T0.plusSeconds(3600));

        MessageTotals t = analytics.totalsBetween(T0, T0.plusSeconds(3600));

        assertThat(t).isEqualTo(new MessageTotals(4, 2, 1, 0, 1));
        assertThat(t.deliveryRate()).isEqualTo(0.5);
        assertThat(t.readRate()).isEqualTo(0.25);
    }

    @Test
    void repliesAreCountedForCampaignMessagesAndGroupedByCampaign() {
        long a = campaign();
        long b = campaign();
        repliedCampaignMessage(a, 1, T0.plusSeconds(1));
        message(2, a, MessageStatus.READ, T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4));
        message(3, b, MessageStatus.SENT, T0.plusSeconds(5), null, null);
        sent(4, T0.plusSeconds(6));

        Map<Long, MessageTotals> byCampaign = analytics.totalsByCampaignBetween(T0, T0.plusSeconds(60));

        assertThat(byCampaign).containsOnlyKeys(a, b);
        assertThat(byCampaign.get(a)).isEqualTo(new MessageTotals(2, 2, 1, 1, 0));
        assertThat(byCampaign.get(b)).isEqualTo(new MessageTotals(1, 0, 0, 0, 0));
        assertThat(analytics.totalsBetween(T0, T0.plusSeconds(60))).isEqualTo(new MessageTotals(4, 2, 1, 1, 0));
    }

    @Test
    void dailyCountsUseTheLocalDayAndIncludeEmptyDays() {
        Instant evening = Instant.parse("2026-03-02T20:00:00Z");   // Tuesday 01:30 in Kolkata
        read(1, evening, Instant.parse("2026-03-04T09:00:00Z"));
        sent(2, T0);

        List<DailyTotals> days = analytics.countsByDayBetween(Instant.parse("2026-03-01T18:30:00Z"),
                Instant.parse("2026-03-04T18:30:00Z"), KOLKATA);

        assertThat(days).containsExactly(
                new DailyTotals(LocalDate.parse("2026-03-02"), 1, 0, 0),
                new DailyTotals(LocalDate.parse("2026-03-03"), 1, 1, 0),
                new DailyTotals(LocalDate.parse("2026-03-04"), 0, 0, 1));
    }

    @Test
    void sendsAndReadsFallInTheirLocalWeekdayAndHour() {
        Instant evening = Instant.parse("2026-03-02T20:00:00Z");
        read(1, evening, Instant.parse("2026-03-03T03:10:00Z"));
        sent(2, T0);

        WeekdayHourCounts sends = analytics.sendsByWeekdayHour(T0.minusSeconds(3600), T0.plus(Duration.ofDays(2)),
                KOLKATA);
        WeekdayHourCounts reads = analytics.readsByWeekdayHour(T0, T0.plus(Duration.ofDays(2)), KOLKATA, null);

        assertThat(sends.get(DayOfWeek.MONDAY, 15)).isEqualTo(1);
        assertThat(sends.get(DayOfWeek.TUESDAY, 1)).isEqualTo(1);
        assertThat(sends.total()).isEqualTo(2);
        assertThat(reads.get(DayOfWeek.TUESDAY, 8)).isEqualTo(1);
        assertThat(reads.total()).isEqualTo(1);
    }

    @Test
    void readsCanBeLimitedToSomeLeads() {
        read(1, T0, T0.plusSeconds(60));
        read(2, T0, T0.plusSeconds(60));
        read(3, T0, T0.plusSeconds(60));

        assertThat(analytics.readsByWeekdayHour(T0, T0.plusSeconds(3600), UTC, List.of(1L, 3L)).total())
                .isEqualTo(2);
        assertThat(analytics.readsByWeekdayHour(T0, T0.plusSeconds(3600), UTC, List.of()).total()).isZero();
    }

    /**
     * Analytics and the campaign's statistics count with one definition
     * ({@link io.leadreach.analytics.DeliveryCounting}): after status events for a campaign's messages in
     * random orders (delivered then failed, read then failed, repeats), both give the same delivered,
     * read and failed counts and the same rates. Seeded: the seed is printed, and
     * {@code -Dleadreach.test.seed=...} replays it.
     */
    @Test
    void analyticsAndCampaignStatisticsAgreeOverRandomEventOrders() {
        long seed = Long.getLong("leadreach.test.seed", System.nanoTime());
        System.out.println(getClass().getSimpleName() + ".analyticsAndCampaignStatisticsAgreeOverRandomEventOrders"
                + " seed=" + seed + " (replay with -Dleadreach.test.seed=" + seed + ")");
        java.util.Random random = new java.util.Random(seed);
        Instant noon = Instant.parse("2026-03-02T12:00:00Z");
        io.leadreach.testing.MutableClock clock = new io.leadreach.testing.MutableClock(noon);
        io.leadreach.testing.ManualWorkQueue queue = new io.leadreach.testing.ManualWorkQueue(clock);
        io.leadreach.memory.InMemoryLeadDirectory leads = new io.leadreach.memory.InMemoryLeadDirectory();
        int leadCount = 12;
        for (int i = 1; i <= leadCount; i++) {
            leads.put(io.leadreach.lead.Lead.builder(i).name("Lead " + i).mobile(String.format("+1201555%04d", 300 + i))
                    .status("new").timeZone(UTC).createdAt(noon.minus(Duration.ofDays(3))).build());
        }
        io.leadreach.security.Actor admin = new io.leadreach.security.Actor("admin",
                java.util.EnumSet.allOf(io.leadreach.security.Permission.class));
        try (io.leadreach.LeadReach leadReach = io.leadreach.LeadReach.builder().clock(clock)
                .transport(new io.leadreach.testing.RecordingTransport()).leadDirectory(leads)
                .campaignStore(campaigns).messageStore(messages).analyticsStore(analytics)
                .rateLimiter(new io.leadreach.memory.InMemoryRateLimiter(clock)).workQueue(queue)
                .sending(io.leadreach.sending.SendingConfig.custom().enforceServiceWindow(false).build())
                .autoStart(false).build()) {
            for (int round = 0; round < 3; round++) {
                Campaign c = leadReach.service().createCampaign(admin, io.leadreach.CampaignSpec.builder()
                        .name("round " + round).body("Hi {name}").messagesPerMinute(100_000).build());
                leadReach.service().executeCampaign(admin, c.id());
                Instant end = clock.instant().plus(Duration.ofMinutes(10));
                while (campaigns.find(c.id()).orElseThrow().status() != CampaignStatus.COMPLETED
                        && clock.instant().isBefore(end)) {
                    queue.runDue();
                    Instant next = queue.nextDue().filter(t -> t.isAfter(clock.instant()))
                            .orElse(clock.instant().plusSeconds(1));
                    clock.set(next.isAfter(end) ? end : next);
                }
                assertThat(campaigns.find(c.id()).orElseThrow().status()).as("seed " + seed)
                        .isEqualTo(CampaignStatus.COMPLETED);

                java.util.List<io.leadreach.tracking.DeliveryEvent> events = new java.util.ArrayList<>();
                io.leadreach.tracking.DeliveryStatus[] kinds = {io.leadreach.tracking.DeliveryStatus.SENT,
                        io.leadreach.tracking.DeliveryStatus.DELIVERED, io.leadreach.tracking.DeliveryStatus.READ,
                        io.leadreach.tracking.DeliveryStatus.FAILED};
                for (CampaignRecipient r : campaigns.recipients(c.id(), 0, 1_000)) {
                    for (io.leadreach.tracking.DeliveryStatus kind : kinds) {
                        int copies = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0;
                        for (int k = 0; k < copies; k++) {
                            Instant at = clock.instant().plusSeconds(1 + random.nextInt(600));
                            events.add(kind == io.leadreach.tracking.DeliveryStatus.FAILED
                                    ? new io.leadreach.tracking.DeliveryEvent(r.providerMessageId(), r.correlationId(),
                                            kind, at, null, "131026", "undeliverable", null)
                                    : io.leadreach.tracking.DeliveryEvent.of(r.providerMessageId(), r.correlationId(),
                                            kind, at));
                        }
                    }
                }
                java.util.Collections.shuffle(events, random);
                leadReach.tracker().apply(events);
                clock.advance(Duration.ofMinutes(15));

                MessageTotals totals = analytics.totalsByCampaignBetween(noon.minus(Duration.ofHours(1)),
                        clock.instant().plus(Duration.ofHours(1))).get(c.id());
                io.leadreach.CampaignStatistics stats = leadReach.service().getCampaignStatistics(admin, c.id());
                String why = "seed " + seed + ", round " + round + ": " + totals + " vs " + stats.counters();
                assertThat(totals.sent()).as(why).isEqualTo(stats.counters().sent() + stats.counters().failed());
                assertThat(totals.delivered()).as(why).isEqualTo(stats.counters().delivered());
                assertThat(totals.read()).as(why).isEqualTo(stats.counters().read());
                assertThat(totals.failed()).as(why).isEqualTo(stats.counters().failed());
                assertThat(totals.deliveryRate()).as(why).isEqualTo(stats.deliveryRate());
                assertThat(totals.readRate()).as(why).isEqualTo(stats.readRate());
            }
        }
    }
}
