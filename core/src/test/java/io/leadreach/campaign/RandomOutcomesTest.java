package io.leadreach.campaign;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.SendOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded randomized runs: under random transport outcomes, every recipient ends in a terminal
 * state or IN_DOUBT, none is handed to the transport again once a send was accepted or its
 * outcome unknown, and the counters match what the transport saw. A failure names its seed.
 */
class RandomOutcomesTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1234, 98765, 20261125, 777, 31337, 5})
    void everyRecipientEndsSettledAndNoneIsSentTwice(long seed) {
        Random random = new Random(seed);
        RecordingTransport transport = new RecordingTransport();
        transport.answerWith(m -> {
            int roll = random.nextInt(100);
            if (roll < 55) {
                return transport.accepted();
            } else if (roll < 70) {
                return SendOutcome.Rejected.of(ErrorClass.RETRYABLE, "131000", "unavailable");
            } else if (roll < 78) {
                return new SendOutcome.Rejected(ErrorClass.RATE_LIMITED, "130429", "throughput",
                        Duration.ofSeconds(random.nextInt(120)), null);
            } else if (roll < 83) {
                return SendOutcome.Rejected.of(ErrorClass.PAIR_RATE_LIMITED, "131056", "pair rate");
            } else if (roll < 92) {
                return SendOutcome.Rejected.of(ErrorClass.PERMANENT, "131026", "undeliverable");
            } else {
                return new SendOutcome.Unknown("reset after write");
            }
        });
        int leads = 60 + random.nextInt(120);
        try (Fixture f = Fixture.withTransport(transport, b -> b.batchSize(1 + random.nextInt(30)))) {
            f.withLeads(leads);
            Campaign c = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("seed " + seed).body("Hi")
                    .messagesPerMinute(100 + random.nextInt(5_000)).maxAttempts(1 + random.nextInt(4)).build());
            f.service().executeCampaign(ADMIN, c.id());
            f.runFor(Duration.ofHours(6));

            Map<String, List<SendOutcome>> byNumber = new HashMap<>();
            for (RecordingTransport.Sent s : transport.sent()) {
                byNumber.computeIfAbsent(s.message().to(), k -> new ArrayList<>()).add(s.outcome());
            }
            long accepted = 0;
            long unknown = 0;
            for (Map.Entry<String, List<SendOutcome>> e : byNumber.entrySet()) {
                List<SendOutcome> outcomes = e.getValue();
                for (int i = 0; i < outcomes.size() - 1; i++) {
                    assertThat(outcomes.get(i)).as("seed %d: %s sent again after %s", seed, e.getKey(), outcomes.get(i))
                            .isInstanceOf(SendOutcome.Rejected.class);
                }
                SendOutcome last = outcomes.get(outcomes.size() - 1);
                accepted += last instanceof SendOutcome.Accepted ? 1 : 0;
                unknown += last instanceof SendOutcome.Unknown ? 1 : 0;
            }
            CampaignCounters n = f.campaigns.counts(c.id());
            assertThat(n.total()).as("seed %d", seed).isEqualTo(leads);
            assertThat(n.open()).as("seed %d: all settled", seed).isZero();
            assertThat(n.sent()).as("seed %d", seed).isEqualTo(accepted);
            assertThat(n.inDoubt()).as("seed %d", seed).isEqualTo(unknown);
            assertThat(n.failed()).as("seed %d", seed).isEqualTo(leads - accepted - unknown);
            assertThat(f.campaigns.find(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
        }
    }
}
