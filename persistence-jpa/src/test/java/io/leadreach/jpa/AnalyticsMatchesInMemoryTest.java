package io.leadreach.jpa;

import static io.leadreach.contract.TestRecords.aMessage;
import static io.leadreach.contract.TestRecords.aCampaign;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.analytics.AnalyticsStore;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignKind;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.memory.InMemoryAnalyticsStore;
import io.leadreach.memory.InMemoryCampaignStore;
import io.leadreach.memory.InMemoryMessageStore;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.message.MessageStore;
import io.leadreach.sending.RetryPolicy;
import io.leadreach.sending.ThrottleConfig;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SQL aggregations of {@link JpaAnalyticsStore} give exactly what the in-memory store computes
 * message by message, on the same seeded random history: eight weeks across the spring daylight
 * saving changes, in zones with whole, half- and quarter-hour offsets (and Lord Howe's
 * half-hour daylight saving), over random periods.
 */
class AnalyticsMatchesInMemoryTest {

    private static final long SEED = 20260302L;
    private static final Instant START = Instant.parse("2026-02-20T00:00:00Z");
    private static final int SPAN_SECONDS = 56 * 86_400;
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Asia/Kathmandu"), ZoneId.of("Pacific/Chatham"), ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Lord_Howe"), ZoneId.of("America/St_Johns"), ZoneId.of("Europe/Berlin"));

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void sqlAggregatesEqualTheInMemoryOnes(TestDatabase db) {
        db.clear("lead_whatsapp_messages", "lead_whatsapp_campaign_leads", "lead_whatsapp_campaigns");
        InMemoryMessageStore memMessages = new InMemoryMessageStore();
        InMemoryCampaignStore memCampaigns = new InMemoryCampaignStore();
        AnalyticsStore expected = new InMemoryAnalyticsStore(memMessages, memCampaigns);
        MessageStore jpaMessages = new JpaMessageStore(db.emf());
        CampaignStore jpaCampaigns = new JpaCampaignStore(db.emf());
        AnalyticsStore actual = new JpaAnalyticsStore(db.emf());

        Random random = new Random(SEED);
        long[] memIds = new long[3];
        long[] jpaIds = new long[3];
        for (int c = 0; c < 3; c++) {
            memIds[c] = memCampaigns.create(campaign()).id();
            jpaIds[c] = jpaCampaigns.create(campaign()).id();
        }
        for (int i = 1; i <= 600; i++) {
            Instant sentAt = random.nextInt(10) == 0 ? null : START.plusSeconds(random.nextInt(SPAN_SECONDS));
            MessageStatus status = sentAt == null ? MessageStatus.QUEUED
                    : MessageStatus.values()[2 + random.nextInt(4)];
            Instant deliveredAt = status == MessageStatus.DELIVERED || status == MessageStatus.READ
                    ? sentAt.plusSeconds(1 + random.nextInt(3_600)) : null;
            Instant readAt = status == MessageStatus.READ ? deliveredAt.plusSeconds(random.nextInt(200_000)) : null;
            int campaign = random.nextInt(4) - 1;
            boolean replied = campaign >= 0 && sentAt != null && random.nextInt(3) == 0;
            long leadId = 1 + random.nextInt(60);
            long recipientLead = i;
            for (int side = 0; side < 2; side++) {
                MessageStore messages = side == 0 ? memMessages : jpaMessages;
                CampaignStore campaigns = side == 0 ? memCampaigns : jpaCampaigns;
                Long campaignId = campaign < 0 ? null : (side == 0 ? memIds : jpaIds)[campaign];
                LeadMessage m = messages.save(aMessage().leadId(leadId).mobile("+1201555" + (1000 + leadId))
                        .status(status).campaignId(campaignId).correlationId("lr-m" + i)
                        .providerMessageId(sentAt == null ? null : "wamid.m" + i)
                        .errorCode(status == MessageStatus.FAILED ? "131026" : null).rawResponse("{}")
                        .createdAt(sentAt == null ? START : sentAt.minusSeconds(1)).sentAt(sentAt)
                        .deliveredAt(deliveredAt).readAt(readAt)
                        .failedAt(status == MessageStatus.FAILED ? sentAt.plusSeconds(5) : null).build());
                if (replied) {
                    campaigns.addRecipients(campaignId, List.of(recipientLead), START);
                    CampaignRecipient r = campaigns.claim(campaignId, "node", START, START.plusSeconds(60), 1).get(0);
                    assertThat(campaigns.markSending(r.id(), "node", m.correlationId(), START)).isTrue();
                    assertThat(campaigns.recordReply(m.correlationId(), sentAt.plusSeconds(600))).isTrue();
                }
            }
        }

        for (int p = 0; p < 12; p++) {
            Instant from = START.plusSeconds(random.nextInt(SPAN_SECONDS / 2) - 86_400L);
            Instant to = from.plusSeconds(random.nextInt(SPAN_SECONDS));
            assertThat(actual.totalsBetween(from, to)).as("totals %s..%s", from, to)
                    .isEqualTo(expected.totalsBetween(from, to));
            assertThat(actual.totalsByCampaignBetween(from, to).values())
                    .containsExactlyInAnyOrderElementsOf(expected.totalsByCampaignBetween(from, to).values());
            for (ZoneId zone : ZONES) {
                assertThat(actual.countsByDayBetween(from, to, zone)).as("days in %s", zone)
                        .isEqualTo(expected.countsByDayBetween(from, to, zone));
                assertThat(actual.sendsByWeekdayHour(from, to, zone).toCells()).as("sends in %s", zone)
                        .isEqualTo(expected.sendsByWeekdayHour(from, to, zone).toCells());
                assertThat(actual.readsByWeekdayHour(from, to, zone, null).toCells()).as("reads in %s", zone)
                        .isEqualTo(expected.readsByWeekdayHour(from, to, zone, null).toCells());
            }
            List<Long> some = new ArrayList<>(LongStream.rangeClosed(1, 60).filter(l -> random.nextBoolean()).boxed()
                    .toList());
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            assertThat(actual.readsByWeekdayHour(from, to, zone, some).toCells()).as("some leads' reads in %s", zone)
                    .isEqualTo(expected.readsByWeekdayHour(from, to, zone, some).toCells());
        }
    }

    private static Campaign campaign() {
        return aCampaign().name("c").createdAt(START).build();
    }
}
