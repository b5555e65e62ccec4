package io.leadreach.campaign;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.sending.SendingConfig;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.transport.OutboundMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A runner stopped mid-flight without settling anything, and a new runner that takes over after
 * the lease: no recipient is sent twice and none is lost.
 */
class AbandonmentTest {

    /** Thrown by the transport to stop the first runner dead, as a crash would. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    @Test
    void aNewRunnerTakesOverAfterTheLeaseWithoutSendingAnyoneTwice() {
        AtomicInteger sends = new AtomicInteger();
        RecordingTransport firstWire = new RecordingTransport("first");
        // The first node writes 25 requests, then dies while writing the 26th: that one reached
        // the provider, but its outcome was never learned.
        RecordingTransport crashing = new RecordingTransport("first").answerWith(m -> {
            firstWire.send(m);
            if (sends.incrementAndGet() == 26) {
                throw new SimulatedCrash();
            }
            return firstWire.accepted();
        });
        Fixture first = Fixture.withTransport(crashing, b -> b.batchSize(40).senderMessagesPerSecond(1000));
        first.withLeads(100);
        Campaign c = first.service().createCampaign(ADMIN, CampaignSpec.builder().name("crash").body("Hi {name}")
                .messagesPerMinute(60_000).build());
        first.service().executeCampaign(ADMIN, c.id());
        assertThatThrownBy(first::runDue).isInstanceOf(SimulatedCrash.class);
        first.close();

        // Sends are marked SENDING a chunk at a time (each holding an in-flight slot) and settled
        // when the chunk is out: the crash leaves the whole chunk SENDING, the first 26 of it
        // written, the rest never; the batch's remaining claims are CLAIMED.
        CampaignCounters atCrash = first.campaigns.counts(c.id());
        long sendingAtCrash = atCrash.get(RecipientStatus.SENDING);
        assertThat(sendingAtCrash).isBetween(26L, (long) SendingConfig.DEFAULT_MAX_IN_FLIGHT);
        assertThat(atCrash.sent() + sendingAtCrash + atCrash.get(RecipientStatus.CLAIMED)).isEqualTo(40);
        assertThat(atCrash.total()).isEqualTo(100);

        RecordingTransport secondWire = new RecordingTransport("second");
        try (Fixture second = first.secondNode("node-2", secondWire, b -> b.batchSize(40))) {
            second.leadReach.runner().tick();
            second.runDue();
            assertThat(secondWire.count()).as("nothing claimed by the dead node is touched before its lease lapses")
                    .isEqualTo(100 - 40);

            first.clock.advance(Duration.ofMinutes(2).plusSeconds(1));
            second.leadReach.runner().tick();
            second.runFor(Duration.ofMinutes(1));

            List<OutboundMessage> all = new ArrayList<>(firstWire.messages());
            all.addAll(secondWire.messages());
            Map<String, Long> perNumber = all.stream()
                    .collect(Collectors.groupingBy(OutboundMessage::to, Collectors.counting()));
            assertThat(perNumber.values()).as("no one sent twice").containsOnly(1L);

            CampaignCounters end = second.campaigns.counts(c.id());
            assertThat(end.inDoubt()).as("what was SENDING at the crash is held in doubt").isEqualTo(sendingAtCrash);
            assertThat(end.sent() + end.inDoubt()).isEqualTo(100);
            assertThat(end.open()).isZero();
            assertThat(perNumber).as("no one lost: sent once, or held in doubt and never written")
                    .hasSize((int) (100 - sendingAtCrash + 26));

            // The status webhooks of the messages written before the crash settle them.
            for (OutboundMessage written : firstWire.messages()) {
                second.leadReach.runner().settle(written.correlationId(),
                        new Settlement.Sent("wamid." + written.correlationId(), second.clock.instant()));
            }
            assertThat(second.campaigns.counts(c.id()).sent()).isEqualTo(100 - sendingAtCrash + 26);
            assertThat(second.campaigns.counts(c.id()).inDoubt()).as("never written, never resent")
                    .isEqualTo(sendingAtCrash - 26);
            assertThat(second.campaigns.find(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
        }
    }

    @Test
    void twoLiveRunnersShareOneCampaignWithoutOverlap() {
        RecordingTransport a = new RecordingTransport("shared");
        Fixture first = Fixture.withTransport(a, b -> b.batchSize(7).senderMessagesPerSecond(1000));
        first.withLeads(300);
        RecordingTransport b2 = new RecordingTransport("shared");
        try (first; Fixture second = first.secondNode("node-2", b2, b -> b.batchSize(7).senderMessagesPerSecond(1000))) {
            Campaign c = first.service().createCampaign(ADMIN, CampaignSpec.builder().name("two")
                    .body("Hi").messagesPerMinute(6_000).build());
            first.service().executeCampaign(ADMIN, c.id());
            second.leadReach.runner().wake(c.id());
            for (int i = 0; i < 200 && first.campaigns.find(c.id()).orElseThrow().status() != CampaignStatus.COMPLETED; i++) {
                Fixture one = i % 2 == 0 ? first : second;
                Fixture other = one == first ? second : first;
                one.queue.runDue();
                other.queue.runDue();
                first.clock.advance(Duration.ofMillis(100));
            }
            List<OutboundMessage> all = new ArrayList<>(a.messages());
            all.addAll(b2.messages());
            assertThat(all).hasSize(300);
            assertThat(all.stream().map(OutboundMessage::to).distinct().count()).isEqualTo(300);
            assertThat(a.count()).isPositive();
            assertThat(b2.count()).isPositive();
        }
    }
}
