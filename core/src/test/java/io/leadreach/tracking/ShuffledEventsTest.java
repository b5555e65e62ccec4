package io.leadreach.tracking;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.transport.SendOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded randomized check of idempotency and monotonicity: every recipient gets a random, realistic
 * status history (a subset of sent/delivered/read, or of sent/delivered followed by failed); all
 * events are applied in a random order, then all again in another order, and each recipient and its
 * message must end where the history says regardless of order. A quarter of the recipients start
 * IN_DOUBT, so their first event (whichever it is) settles them.
 *
 * <p>A history never holds both read and failed: a provider does not report both for one message,
 * and the order-independent outcome of such a pair is undefined (the first one applied stands).
 */
class ShuffledEventsTest {

    private static final int LEADS = 60;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2026, 77_777, 123_456_789})
    void anyOrderOfEventsTwiceEndsInTheOrderIndependentState(long seed) {
        System.out.println("ShuffledEventsTest seed " + seed);
        Random random = new Random(seed);
        try (Fixture f = new Fixture().withLeads(LEADS)) {
            for (int i = 4; i <= LEADS; i += 4) {
                f.transport.answerFor(Fixture.mobile(i), new SendOutcome.Unknown("timeout after write"));
            }
            Campaign c = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("shuffle").body("Hi {name}")
                    .messagesPerMinute(100_000).build());
            f.service().executeCampaign(ADMIN, c.id());
            f.runFor(Duration.ofMinutes(1));

            Instant t0 = f.clock.instant();
            List<DeliveryEvent> events = new ArrayList<>();
            Map<Long, Set<DeliveryStatus>> histories = new HashMap<>();
            Map<Long, Boolean> wasInDoubt = new HashMap<>();
            for (CampaignRecipient r : f.campaigns.recipients(c.id(), 0, 1_000)) {
                boolean inDoubt = r.status() == RecipientStatus.IN_DOUBT;
                wasInDoubt.put(r.id(), inDoubt);
                String wamid = inDoubt ? "wamid.D" + r.leadId() : r.providerMessageId();
                Set<DeliveryStatus> history = EnumSet.noneOf(DeliveryStatus.class);
                boolean fails = random.nextInt(3) == 0;
                for (DeliveryStatus s : fails ? List.of(DeliveryStatus.SENT, DeliveryStatus.DELIVERED)
                        : List.of(DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ)) {
                    if (random.nextBoolean()) {
                        history.add(s);
                    }
                }
                if (fails) {
                    history.add(DeliveryStatus.FAILED);
                }
                histories.put(r.id(), history);
                for (DeliveryStatus s : history) {
                    Instant at = t0.plusSeconds(s.ordinal() + 1);
                    events.add(s == DeliveryStatus.FAILED
                            ? new DeliveryEvent(wamid, r.correlationId(), s, at, null, "131026", "undeliverable", null)
                            : DeliveryEvent.of(wamid, r.correlationId(), s, at));
                }
            }

            List<DeliveryEvent> first = new ArrayList<>(events);
            Collections.shuffle(first, random);
            f.tracker().apply(first);
            long appliedAfterFirst = f.tracker().statistics().applied();
            List<DeliveryEvent> second = new ArrayList<>(events);
            Collections.shuffle(second, random);
            f.tracker().apply(second);

            assertThat(f.tracker().statistics().applied()).as("the second pass changes nothing")
                    .isEqualTo(appliedAfterFirst);
            assertThat(f.tracker().statistics().received()).isEqualTo(2L * events.size());
            for (CampaignRecipient r : f.campaigns.recipients(c.id(), 0, 1_000)) {
                Set<DeliveryStatus> history = histories.get(r.id());
                RecipientStatus expected = expected(history, wasInDoubt.get(r.id()));
                assertThat(r.status()).as("recipient of lead %d, history %s, in doubt %s", r.leadId(), history,
                        wasInDoubt.get(r.id())).isEqualTo(expected);
                if (expected == RecipientStatus.FAILED) {
                    assertThat(r.errorCode()).isEqualTo("131026");
                }
                if (expected == RecipientStatus.READ) {
                    assertThat(r.readAt()).isEqualTo(t0.plusSeconds(DeliveryStatus.READ.ordinal() + 1));
                }
                LeadMessage m = f.messages.findByCorrelationId(r.correlationId()).orElse(null);
                if (expected == RecipientStatus.IN_DOUBT) {
                    assertThat(m).isNull();
                } else {
                    assertThat(m).isNotNull();
                    assertThat(m.status()).as("message of lead %d", r.leadId())
                            .isEqualTo(MessageStatus.valueOf(expected.name()));
                }
            }
            assertThat(f.campaigns.counts(c.id()).total()).isEqualTo(LEADS);
            assertThat(f.transport.count()).isEqualTo(LEADS);
        }
    }

    private static RecipientStatus expected(Set<DeliveryStatus> history, boolean inDoubt) {
        if (history.contains(DeliveryStatus.FAILED)) {
            return RecipientStatus.FAILED;
        }
        if (history.contains(DeliveryStatus.READ)) {
            return RecipientStatus.READ;
        }
        if (history.contains(DeliveryStatus.DELIVERED)) {
            return RecipientStatus.DELIVERED;
        }
        return history.isEmpty() && inDoubt ? RecipientStatus.IN_DOUBT : RecipientStatus.SENT;
    }
}
