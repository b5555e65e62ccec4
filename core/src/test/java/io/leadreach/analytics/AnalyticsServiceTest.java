package io.leadreach.analytics;

import static io.leadreach.contract.TestRecords.aMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.memory.InMemoryAnalyticsStore;
import io.leadreach.memory.InMemoryMessageStore;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.security.PermissionDeniedException;
import io.leadreach.template.MessageTemplate;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnalyticsServiceTest {

    private static final Actor ANALYST = Actor.of("ana", Permission.ANALYTICS_VIEW);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final Fixture f = new Fixture().withLeads(5);
    private int seq;

    @AfterEach
    void close() {
        f.close();
    }

    private AnalyticsService service(AnalyticsConfig config) {
        return new AnalyticsService(f.clock, new InMemoryAnalyticsStore((InMemoryMessageStore) f.messages, f.campaigns),
                f.campaigns, f.leads, config);
    }

    private void message(long leadId, Long campaignId, MessageStatus status, Instant sentAt, Instant readAt) {
        int n = ++seq;
        f.messages.save(aMessage().leadId(leadId).mobile(Fixture.mobile(leadId)).status(status).campaignId(campaignId)
                .correlationId("lr-s" + n).providerMessageId("wamid.s" + n).rawResponse("{}").createdAt(sentAt)
                .sentAt(sentAt)
                .deliveredAt(status == MessageStatus.DELIVERED || status == MessageStatus.READ ? sentAt.plusSeconds(1) : null)
                .readAt(readAt).build());
    }

    @Test
    void everyCallNeedsTheAnalyticsPermission() {
        AnalyticsService s = f.leadReach.analytics();
        Actor sender = Actor.of("sam", Permission.SEND, Permission.CAMPAIGN_VIEW);
        Instant t = f.clock.instant();
        assertThatThrownBy(() -> s.sentTotals(sender)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> s.totals(sender, t, t)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> s.compareCampaigns(sender, Set.of())).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> s.topTemplates(sender, t, t, 5)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> s.sendHeatMap(sender, t, t)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> s.readHeatMap(sender, t, t)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> s.dailySeries(sender, t, t)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> s.suggestSendHour(sender, TargetCriteria.all()))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void aSingleSendThroughTheServiceIsCountedToday() {
        f.service().sendSingleMessage(Fixture.ADMIN, 1L, "Hi {name}", null);

        PeriodTotals totals = f.leadReach.analytics().sentTotals(ANALYST);

        assertThat(totals).isEqualTo(new PeriodTotals(1, 1, 1));
    }

    @Test
    void todayThisWeekAndThisMonthFollowTheConfiguredZone() {
        // The clock: Monday 2 March 2026 12:00 UTC = 07:00 in New York (EST, UTC-5).
        message(1, null, MessageStatus.SENT, Instant.parse("2026-03-02T06:00:00Z"), null);  // Mon 01:00 NY
        message(2, null, MessageStatus.SENT, Instant.parse("2026-03-02T04:00:00Z"), null);  // Sun 23:00 NY
        message(3, null, MessageStatus.SENT, Instant.parse("2026-03-01T12:00:00Z"), null);  // Sun 07:00 NY
        message(4, null, MessageStatus.SENT, Instant.parse("2026-02-28T12:00:00Z"), null);  // Sat 28 Feb

        assertThat(service(AnalyticsConfig.ofDefaults().withZone(NEW_YORK)).sentTotals(ANALYST))
                .isEqualTo(new PeriodTotals(1, 1, 3));
        // In UTC, Monday began at 00:00 UTC: messages 1 and 2 are today; the month began on the 1st.
        assertThat(service(AnalyticsConfig.ofDefaults()).sentTotals(ANALYST)).isEqualTo(new PeriodTotals(2, 2, 3));
        // A week starting on Sunday takes in Sunday's sends.
        AnalyticsConfig sundayWeeks = new AnalyticsConfig(NEW_YORK, DayOfWeek.SUNDAY, 50, LocalTime.of(10, 0),
                Duration.ofDays(90));
        assertThat(service(sundayWeeks).sentTotals(ANALYST)).isEqualTo(new PeriodTotals(1, 3, 3));
    }

    @Test
    void inZoneGivesTheFiguresOfAnotherZoneAndLeavesTheServiceAsItWas() {
        message(1, null, MessageStatus.SENT, Instant.parse("2026-03-02T06:00:00Z"), null);  // Mon 01:00 NY
        message(2, null, MessageStatus.SENT, Instant.parse("2026-03-02T04:00:00Z"), null);  // Sun 23:00 NY
        AnalyticsService utc = service(AnalyticsConfig.ofDefaults());

        AnalyticsService newYork = utc.inZone(NEW_YORK);

        assertThat(newYork.config().zone()).isEqualTo(NEW_YORK);
        assertThat(newYork.sentTotals(ANALYST)).isEqualTo(new PeriodTotals(1, 1, 2));
        assertThat(utc.sentTotals(ANALYST)).isEqualTo(new PeriodTotals(2, 2, 2));
        assertThat(utc.inZone(ZoneId.of("UTC"))).isSameAs(utc);
    }

    @Test
    void ratesOverAPeriod() {
        Instant t = f.clock.instant();
        message(1, null, MessageStatus.READ, t.minusSeconds(300), t.minusSeconds(200));
        message(2, null, MessageStatus.DELIVERED, t.minusSeconds(300), null);
        message(3, null, MessageStatus.SENT, t.minusSeconds(300), null);
        message(4, null, MessageStatus.SENT, t.minusSeconds(300), null);

        MessageTotals totals = f.leadReach.analytics().totals(ANALYST, t.minusSeconds(3600), t);

        assertThat(totals.sent()).isEqualTo(4);
        assertThat(totals.deliveryRate()).isEqualTo(0.5);
        assertThat(totals.readRate()).isEqualTo(0.25);
        assertThat(totals.replyRate()).isZero();
    }

    @Test
    void campaignsAreComparedFromTheirCounters() {
        Campaign c = f.service().createCampaign(Fixture.ADMIN, CampaignSpec.builder().name("Spring")
                .body("Hi {name}").target(TargetCriteria.all()).build());
        f.service().executeCampaign(Fixture.ADMIN, c.id());
        f.runFor(Duration.ofMinutes(5));

        List<CampaignComparison> rows = f.leadReach.analytics().compareCampaigns(ANALYST, Set.of());

        assertThat(rows).hasSize(1);
        CampaignComparison row = rows.get(0);
        assertThat(row.name()).isEqualTo("Spring");
        assertThat(row.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(row.counters().sent()).isEqualTo(5);
        assertThat(row.deliveryRate()).isZero();
        assertThat(row.replied()).isZero();
        assertThat(f.leadReach.analytics().compareCampaigns(ANALYST, Set.of(CampaignStatus.DRAFT))).isEmpty();
    }

    @Test
    void templatesAreRankedByReadRateThenReplyRate() {
        MessageTemplate a = template("A");
        MessageTemplate b = template("B");
        long ca = campaignWithTemplate(a);
        long cb = campaignWithTemplate(b);
        long plain = f.service().createCampaign(Fixture.ADMIN, CampaignSpec.builder().name("plain").body("Hi")
                .build()).id();
        Instant t = f.clock.instant().minusSeconds(600);
        message(1, ca, MessageStatus.READ, t, t.plusSeconds(5));
        message(2, ca, MessageStatus.SENT, t, null);
        message(3, cb, MessageStatus.READ, t, t.plusSeconds(5));
        message(4, plain, MessageStatus.READ, t, t.plusSeconds(5));

        List<TemplatePerformance> top = f.leadReach.analytics().topTemplates(ANALYST, t, f.clock.instant(), 10);

        assertThat(top).extracting(TemplatePerformance::templateId).containsExactly(b.id(), a.id());
        assertThat(top.get(1).totals().readRate()).isEqualTo(0.5);
        assertThat(f.leadReach.analytics().topTemplates(ANALYST, t, f.clock.instant(), 1)).hasSize(1);
    }

    private MessageTemplate template(String name) {
        return f.leadReach.templates().createTemplate(Fixture.ADMIN, io.leadreach.TemplateSpec.builder().name(name)
                .category(io.leadreach.template.TemplateCategory.PROMOTIONAL).body("Hello {name}").build());
    }

    private long campaignWithTemplate(MessageTemplate t) {
        return f.service().createCampaign(Fixture.ADMIN, CampaignSpec.builder().name("with " + t.name())
                .templateId(t.id()).build()).id();
    }

    @Test
    void heatMapsAndDailySeriesUseTheConfiguredZone() {
        // Monday 2 March 03:30 UTC is Sunday 22:30 in New York.
        Instant sent = Instant.parse("2026-03-02T03:30:00Z");
        message(1, null, MessageStatus.READ, sent, sent.plus(Duration.ofHours(10)));   // read Mon 08:30 NY
        AnalyticsService s = service(AnalyticsConfig.ofDefaults().withZone(NEW_YORK));
        Instant from = Instant.parse("2026-03-01T05:00:00Z");   // Sunday 00:00 NY
        Instant to = Instant.parse("2026-03-03T05:00:00Z");     // Tuesday 00:00 NY

        assertThat(s.sendHeatMap(ANALYST, from, to).get(DayOfWeek.SUNDAY, 22)).isEqualTo(1);
        assertThat(s.readHeatMap(ANALYST, from, to).get(DayOfWeek.MONDAY, 8)).isEqualTo(1);
        List<DailyTotals> days = s.dailySeries(ANALYST, from, to);
        assertThat(days).hasSize(2);
        assertThat(days.get(0)).isEqualTo(new DailyTotals(java.time.LocalDate.parse("2026-03-01"), 1, 1, 0));
        assertThat(days.get(1)).isEqualTo(new DailyTotals(java.time.LocalDate.parse("2026-03-02"), 0, 0, 1));
    }

    @Test
    void theDailySeriesCrossesADaylightSavingChange() {
        // New York moves to EDT on Sunday 8 March 2026: that day has 23 hours.
        message(1, null, MessageStatus.SENT, Instant.parse("2026-03-09T03:30:00Z"), null);   // Sun 23:30 EDT
        message(2, null, MessageStatus.SENT, Instant.parse("2026-03-09T04:30:00Z"), null);   // Mon 00:30 EDT
        AnalyticsService s = service(AnalyticsConfig.ofDefaults().withZone(NEW_YORK));

        List<DailyTotals> days = s.dailySeries(ANALYST, Instant.parse("2026-03-08T05:00:00Z"),
                Instant.parse("2026-03-10T04:00:00Z"));

        assertThat(days).extracting(DailyTotals::day).containsExactly(java.time.LocalDate.parse("2026-03-08"),
                java.time.LocalDate.parse("2026-03-09"));
        assertThat(days).extracting(DailyTotals::sent).containsExactly(1L, 1L);
    }

    @Test
    void theSuggestedHourFallsBackBelowTheMinimumSample() {
        Instant t = f.clock.instant().minus(Duration.ofDays(1));
        message(1, null, MessageStatus.READ, t, t.plusSeconds(60));

        SendHourSuggestion s = f.leadReach.analytics().suggestSendHour(ANALYST, TargetCriteria.all());

        assertThat(s.fallback()).isTrue();
        assertThat(s.hour()).isEqualTo(LocalTime.of(10, 0));
        assertThat(s.explanation()).isEqualTo("10:00, default: fewer than 50 reads (1)");
    }

    @Test
    void theSuggestedHourIsTheSegmentsBusiestReadHour() {
        AnalyticsConfig config = new AnalyticsConfig(NEW_YORK, DayOfWeek.MONDAY, 3, LocalTime.of(10, 0),
                Duration.ofDays(30));
        Instant day = Instant.parse("2026-02-20T00:00:00Z");
        // Leads 1-3 read at 14:xx UTC = 09:xx New York; lead 4 reads a lot at 20:00 UTC but is not in the segment.
        for (long lead = 1; lead <= 3; lead++) {
            message(lead, null, MessageStatus.READ, day, day.plus(Duration.ofHours(14)).plusSeconds(lead * 60));
        }
        for (int i = 0; i < 5; i++) {
            message(4, null, MessageStatus.READ, day, day.plus(Duration.ofHours(20)));
        }
        TargetCriteria segment = TargetCriteria.builder().leadIds(List.of(1L, 2L, 3L)).build();

        SendHourSuggestion s = service(config).suggestSendHour(ANALYST, segment);

        assertThat(s.fallback()).isFalse();
        assertThat(s.hour()).isEqualTo(LocalTime.of(9, 0));
        assertThat(s.reads()).isEqualTo(3);
    }

    @Test
    void aCustomMessageStoreWithoutAnAnalyticsStoreSaysWhatIsMissing() {
        io.leadreach.message.MessageStore custom = new io.leadreach.message.MessageStore() {
            private final InMemoryMessageStore d = new InMemoryMessageStore();
            @Override public LeadMessage save(LeadMessage m) { return d.save(m); }
            @Override public java.util.Optional<LeadMessage> findById(long id) { return d.findById(id); }
            @Override public java.util.Optional<LeadMessage> findByProviderMessageId(String p) { return d.findByProviderMessageId(p); }
            @Override public java.util.Optional<LeadMessage> findByCorrelationId(String c) { return d.findByCorrelationId(c); }
            @Override public List<LeadMessage> findByLead(long l, int n) { return d.findByLead(l, n); }
            @Override public boolean advance(String p, MessageStatus s, Instant a, String c, String m) { return d.advance(p, s, a, c, m); }
            @Override public boolean resolve(String c, String p, MessageStatus s, Instant a, String e, String m) { return d.resolve(c, p, s, a, e, m); }
            @Override public long countCreatedBetween(Instant a, Instant b) { return d.countCreatedBetween(a, b); }
        };
        try (io.leadreach.LeadReach lr = io.leadreach.LeadReach.builder().transport(f.transport).messageStore(custom)
                .workQueue(f.queue).autoStart(false).build()) {
            assertThatThrownBy(lr::analytics).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("analyticsStore");
        }
    }
}
