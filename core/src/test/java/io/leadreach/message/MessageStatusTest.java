package io.leadreach.message;

import static io.leadreach.contract.TestRecords.aMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageStatusTest {

    private static final MessageStatus[] ALL = MessageStatus.values();

    @Test
    void aStatusNeverRegressesWhateverOrderReportsArriveIn() {
        qt().withExamples(500)
                .forAll(lists().of(integers().between(0, ALL.length - 1)).ofSizeBetween(1, 20))
                .checkAssert(indexes -> {
                    MessageStatus current = MessageStatus.PENDING;
                    for (int i : indexes) {
                        MessageStatus next = current.max(ALL[i]);
                        assertThat(next == current || current.canAdvanceTo(next))
                                .as("%s -> %s", current, next).isTrue();
                        if (current == MessageStatus.FAILED) {
                            assertThat(next).isEqualTo(MessageStatus.FAILED);
                        }
                        current = next;
                    }
                });
    }

    @Test
    void deliveryAndReadReportsEndTheSameInAnyOrder() {
        qt().withExamples(200)
                .forAll(lists().of(integers().between(2, 4)).ofSizeBetween(1, 10))
                .checkAssert(indexes -> {
                    MessageStatus current = MessageStatus.QUEUED;
                    MessageStatus highest = MessageStatus.QUEUED;
                    for (int i : indexes) {
                        current = current.max(ALL[i]);
                        highest = ALL[i].compareTo(highest) > 0 ? ALL[i] : highest;
                    }
                    assertThat(current).isEqualTo(highest);
                });
    }

    @Test
    void failedIsTerminalAndCannotFollowRead() {
        assertThat(MessageStatus.SENT.canAdvanceTo(MessageStatus.FAILED)).isTrue();
        assertThat(MessageStatus.DELIVERED.canAdvanceTo(MessageStatus.FAILED)).isTrue();
        assertThat(MessageStatus.READ.canAdvanceTo(MessageStatus.FAILED)).isFalse();
        for (MessageStatus s : ALL) {
            assertThat(MessageStatus.FAILED.canAdvanceTo(s)).isFalse();
        }
    }

    @Test
    void advancingKeepsTheTimeOfEachReachedStatus() {
        Instant t = Instant.parse("2026-03-02T10:00:00Z");
        LeadMessage m = aMessage().id(1).correlationId("c").providerMessageId("w").createdAt(t).sentAt(t).build();
        LeadMessage read = m.advance(MessageStatus.READ, t.plusSeconds(5), null, null);
        assertThat(read.readAt()).isEqualTo(t.plusSeconds(5));
        assertThat(read.deliveredAt()).isNull();
        assertThat(read.advance(MessageStatus.DELIVERED, t.plusSeconds(9), null, null)).isSameAs(read);
        assertThat(List.of(read.status())).containsExactly(MessageStatus.READ);
    }
}
