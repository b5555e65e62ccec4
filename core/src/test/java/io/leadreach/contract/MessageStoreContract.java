package io.leadreach.contract;

import static io.leadreach.contract.TestRecords.aMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.DuplicateKeyException;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageFilter;
import io.leadreach.message.MessageStatus;
import io.leadreach.message.MessageStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link MessageStore} passes; a store adapter's test is a subclass. */
public abstract class MessageStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    protected MessageStore store;

    protected abstract MessageStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    /** A QUEUED message to the lead, with neither a correlation nor a provider id yet. */
    protected static LeadMessage queued(long leadId) {
        return aMessage().leadId(leadId).status(MessageStatus.QUEUED).sentAt(null).build();
    }

    protected static LeadMessage message(long leadId, String providerId, String correlationId, Instant createdAt) {
        return aMessage().leadId(leadId).correlationId(correlationId).providerMessageId(providerId).rawResponse("{}")
                .createdAt(createdAt).sentAt(createdAt).build();
    }

    @Test
    void savingAssignsAnIdAndTheMessageCanBeFoundByEachKey() {
        LeadMessage saved = store.save(message(7, "wamid.A", "lr-m1", T0));
        assertThat(saved.id()).isPositive();
        assertThat(store.findById(saved.id())).contains(saved);
        assertThat(store.findByProviderMessageId("wamid.A")).contains(saved);
        assertThat(store.findByCorrelationId("lr-m1")).contains(saved);
        assertThat(store.findByProviderMessageId("wamid.none")).isEmpty();
    }

    @Test
    void insertingSeveralStoresEach() {
        List<LeadMessage> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(message(7, "wamid.bulk" + i, "bulk-" + i, T0.plusSeconds(i)));
        }
        batch.add(aMessage().leadId(8).mobile("+15555550101").status(MessageStatus.FAILED).campaignId(3L)
                .correlationId("bulk-f").errorCode("131026").errorMessage("undeliverable").attempts(2).sentAt(null)
                .failedAt(T0).senderNumber("106540352242922").build());
        store.insertAll(batch);
        store.insertAll(List.of());
        for (int i = 0; i < 5; i++) {
            int n = i;
            assertThat(store.findByCorrelationId("bulk-" + i)).hasValueSatisfying(m -> {
                assertThat(m.id()).isPositive();
                assertThat(m.providerMessageId()).isEqualTo("wamid.bulk" + n);
                assertThat(m.createdAt()).isEqualTo(T0.plusSeconds(n));
                assertThat(m.status()).isEqualTo(MessageStatus.SENT);
            });
        }
        assertThat(store.findByCorrelationId("bulk-f")).hasValueSatisfying(m -> {
            assertThat(m.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(m.campaignId()).isEqualTo(3L);
            assertThat(m.errorCode()).isEqualTo("131026");
            assertThat(m.failedAt()).isEqualTo(T0);
            assertThat(m.providerMessageId()).isNull();
            assertThat(m.senderNumber()).isEqualTo("106540352242922");
        });
        assertThat(store.findByLead(7, 10)).hasSize(5);
        assertThat(store.findByCorrelationId("bulk-0").orElseThrow().senderNumber()).isNull();
    }

    @Test
    void aMessageKeepsTheNumberItWasSentFrom() {
        LeadMessage saved = store.save(message(7, "wamid.N", "lr-n1", T0).toBuilder().senderNumber("106540352242923")
                .build());
        assertThat(store.findById(saved.id()).orElseThrow().senderNumber()).isEqualTo("106540352242923");
    }

    @Test
    void aMessageWhoseCorrelationOrProviderIdIsHeldIsRefusedAsADuplicateAndNotStored() {
        LeadMessage held = store.save(message(7, "wamid.D", "lr-d1", T0));

        assertThatThrownBy(() -> store.save(message(8, "wamid.other", "lr-d1", T0)))
                .isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> store.save(message(8, "wamid.D", "lr-d2", T0)))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(store.findByLead(8, 10)).isEmpty();
        assertThat(store.findByCorrelationId("lr-d1")).contains(held);
        assertThat(store.findByProviderMessageId("wamid.D")).contains(held);
        assertThat(store.findByCorrelationId("lr-d2")).isEmpty();
    }

    @Test
    void aBatchWithOneHeldCorrelationIdIsRefusedAsADuplicateAndNoneOfItIsStored() {
        store.save(message(7, "wamid.E", "lr-e1", T0));
        List<LeadMessage> batch = List.of(message(9, "wamid.E2", "lr-e2", T0), message(9, "wamid.E3", "lr-e1", T0),
                message(9, "wamid.E4", "lr-e4", T0));

        assertThatThrownBy(() -> store.insertAll(batch)).isInstanceOf(DuplicateKeyException.class)
                .satisfies(e -> assertThat(((DuplicateKeyException) e).key()).isNotBlank());

        assertThat(store.findByLead(9, 10)).isEmpty();
        assertThat(store.findByCorrelationId("lr-e2")).isEmpty();
    }

    @Test
    void savingAnExistingMessageUnderItsOwnIdsIsNoDuplicate() {
        LeadMessage saved = store.save(message(7, "wamid.F", "lr-f1", T0));
        LeadMessage read = saved.advance(MessageStatus.READ, T0.plusSeconds(9), null, null);

        assertThat(store.save(read)).isEqualTo(read);
        assertThat(store.findByCorrelationId("lr-f1")).contains(read);
    }

    @Test
    void savingAnExistingMessageReplacesIt() {
        LeadMessage saved = store.save(queued(7));
        LeadMessage sent = saved.toBuilder().status(MessageStatus.SENT).correlationId("lr-m" + saved.id())
                .providerMessageId("wamid.B").rawResponse("{}").sentAt(T0).build();
        store.save(sent);
        assertThat(store.findById(saved.id())).contains(sent);
        assertThat(store.findByProviderMessageId("wamid.B")).map(LeadMessage::id).contains(saved.id());
    }

    @Test
    void aProviderIdIssuedAgainIsReleasedByItsOldHolderForTheNewMessage() {
        LeadMessage old = store.save(message(7, "wamid.again", "lr-m1", T0));
        assertThat(store.releaseProviderId("wamid.again", "lr-m1")).as("the holder is the new owner").isFalse();
        assertThat(store.releaseProviderId("wamid.none", "lr-m2")).isFalse();

        assertThat(store.releaseProviderId("wamid.again", "lr-m2")).isTrue();
        LeadMessage fresh = store.save(message(8, "wamid.again", "lr-m2", T0.plusSeconds(60)));

        assertThat(store.findByProviderMessageId("wamid.again")).map(LeadMessage::id).contains(fresh.id());
        assertThat(store.findById(old.id())).hasValueSatisfying(m -> {
            assertThat(m.providerMessageId()).isNull();
            assertThat(m.status()).isEqualTo(MessageStatus.SENT);
        });
        assertThat(store.advance("wamid.again", MessageStatus.READ, T0.plusSeconds(90), null, null)).isTrue();
        assertThat(store.findById(old.id()).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
    }

    @Test
    void aLeadsMessagesComeNewestFirst() {
        LeadMessage a = store.save(message(7, "wamid.1", "c1", T0));
        LeadMessage b = store.save(message(7, "wamid.2", "c2", T0.plusSeconds(1)));
        store.save(message(8, "wamid.3", "c3", T0));
        assertThat(store.findByLead(7, 10)).extracting(LeadMessage::id).containsExactly(b.id(), a.id());
        assertThat(store.findByLead(7, 1)).extracting(LeadMessage::id).containsExactly(b.id());
    }

    @Test
    void statusOnlyMovesForwardAndTheSameReportTwiceChangesNothing() {
        store.save(message(7, "wamid.1", "c1", T0));
        assertThat(store.advance("wamid.1", MessageStatus.READ, T0.plusSeconds(9), null, null)).isTrue();
        assertThat(store.advance("wamid.1", MessageStatus.READ, T0.plusSeconds(9), null, null)).isFalse();
        assertThat(store.advance("wamid.1", MessageStatus.DELIVERED, T0.plusSeconds(5), null, null)).isFalse();
        assertThat(store.advance("wamid.1", MessageStatus.FAILED, T0.plusSeconds(5), "131026", "x")).isFalse();
        assertThat(store.advance("wamid.unknown", MessageStatus.READ, T0, null, null)).isFalse();
        LeadMessage m = store.findByProviderMessageId("wamid.1").orElseThrow();
        assertThat(m.status()).isEqualTo(MessageStatus.READ);
        assertThat(m.readAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(m.deliveredAt()).isNull();
    }

    @Test
    void batchMovesAgreeWithSingleMovesIncludingRepeatsAndOutOfOrderReports() {
        long seed = Long.getLong("leadreach.test.seed", System.nanoTime());
        System.out.println(getClass().getSimpleName() + " batch moves seed: " + seed + " (-Dleadreach.test.seed=" + seed
                + " to repeat)");
        java.util.Random random = new java.util.Random(seed);
        int keys = 6;
        for (int k = 0; k < keys; k++) {
            for (String side : List.of("one", "all")) {
                LeadMessage m = k == 0
                        ? aMessage().leadId(7).status(MessageStatus.QUEUED).sentAt(null).providerMessageId("wamid." + side + k)
                                .correlationId(side + "-c" + k).build()
                        : message(7, "wamid." + side + k, side + "-c" + k, T0);
                store.save(m);
            }
        }
        MessageStatus[] reported = {MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.READ, MessageStatus.FAILED};
        List<Integer> keyOf = new ArrayList<>();
        List<MessageStore.Advance> moves = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int k = random.nextInt(keys + 1); // keys: the unknown id
            MessageStatus status = reported[random.nextInt(reported.length)];
            boolean failed = status == MessageStatus.FAILED;
            keyOf.add(k);
            moves.add(new MessageStore.Advance("wamid.all" + k, status, T0.plusSeconds(random.nextInt(60)),
                    failed ? "1310" + random.nextInt(3) : null, failed ? "failure " + i : null));
            if (random.nextInt(4) == 0) { // an exact repeat
                keyOf.add(k);
                moves.add(moves.get(moves.size() - 1));
            }
        }
        List<Boolean> one = new ArrayList<>();
        for (MessageStore.Advance a : moves) {
            one.add(store.advance(a.providerMessageId().replace(".all", ".one"), a.status(), a.at(), a.errorCode(),
                    a.errorMessage()));
        }
        assertThat(store.advanceAll(moves)).as("seed %d", seed).isEqualTo(one);
        assertThat(store.advanceAll(List.of())).isEmpty();

        List<String> wanted = new ArrayList<>();
        for (int k = 0; k <= keys; k++) {
            wanted.add("wamid.all" + k);
            wanted.add("wamid.all" + k);
        }
        java.util.Map<String, LeadMessage> found = store.findByProviderMessageIds(wanted);
        assertThat(found).as("unknown ids are absent").doesNotContainKey("wamid.all" + keys).hasSize(keys);
        assertThat(store.findByProviderMessageIds(List.of())).isEmpty();
        for (int k = 0; k < keys; k++) {
            assertThat(found.get("wamid.all" + k)).isEqualTo(store.findByProviderMessageId("wamid.all" + k).orElseThrow());
            assertThat(found.get("wamid.all" + k)).as("seed %d, message %d", seed, k).usingRecursiveComparison()
                    .ignoringFields("id", "providerMessageId", "correlationId")
                    .isEqualTo(store.findByProviderMessageId("wamid.one" + k).orElseThrow());
        }
    }

    @Test
    void aFailureAfterSentRecordsTheError() {
        store.save(message(7, "wamid.1", "c1", T0));
        assertThat(store.advance("wamid.1", MessageStatus.FAILED, T0.plusSeconds(5), "131026", "undeliverable"))
                .isTrue();
        LeadMessage m = store.findByProviderMessageId("wamid.1").orElseThrow();
        assertThat(m.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(m.errorCode()).isEqualTo("131026");
        assertThat(m.failedAt()).isEqualTo(T0.plusSeconds(5));
    }

    private LeadMessage unknownOutcome() {
        LeadMessage queued = store.save(queued(7));
        return store.save(queued.toBuilder().correlationId("lr-m" + queued.id()).errorCode("UNKNOWN_OUTCOME")
                .errorMessage("no answer").build());
    }

    @Test
    void resolvingAnUnknownOutcomeSetsTheProviderIdAndStatus() {
        LeadMessage m = unknownOutcome();
        assertThat(store.resolve(m.correlationId(), "wamid.R", MessageStatus.DELIVERED, T0.plusSeconds(4), null, null))
                .isTrue();
        LeadMessage resolved = store.findByProviderMessageId("wamid.R").orElseThrow();
        assertThat(resolved.id()).isEqualTo(m.id());
        assertThat(resolved.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(resolved.deliveredAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(resolved.errorCode()).isNull();
    }

    @Test
    void resolvingHappensOnceAndLaterReportsGoThroughAdvance() {
        LeadMessage m = unknownOutcome();
        assertThat(store.resolve(m.correlationId(), "wamid.R", MessageStatus.SENT, T0, null, null)).isTrue();
        assertThat(store.resolve(m.correlationId(), "wamid.R", MessageStatus.SENT, T0, null, null)).isFalse();
        assertThat(store.resolve(m.correlationId(), "wamid.OTHER", MessageStatus.READ, T0, null, null)).isFalse();
        assertThat(store.findByProviderMessageId("wamid.OTHER")).isEmpty();
        assertThat(store.advance("wamid.R", MessageStatus.READ, T0.plusSeconds(9), null, null)).isTrue();
        assertThat(store.findById(m.id()).orElseThrow().status()).isEqualTo(MessageStatus.READ);
    }

    @Test
    void resolvingAsFailedRecordsTheError() {
        LeadMessage m = unknownOutcome();
        assertThat(store.resolve(m.correlationId(), "wamid.F", MessageStatus.FAILED, T0, "131026", "undeliverable"))
                .isTrue();
        LeadMessage failed = store.findById(m.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.errorCode()).isEqualTo("131026");
        assertThat(failed.providerMessageId()).isEqualTo("wamid.F");
    }

    @Test
    void resolvingAnUnknownCorrelationIdChangesNothing() {
        assertThat(store.resolve("lr-m999", "wamid.X", MessageStatus.SENT, T0, null, null)).isFalse();
        assertThat(store.findByProviderMessageId("wamid.X")).isEmpty();
    }

    @Test
    void messagesAreCountedByCreationTime() {
        store.save(message(1, "w1", "c1", T0));
        store.save(message(1, "w2", "c2", T0.plusSeconds(3600)));
        store.save(message(1, "w3", "c3", T0.plusSeconds(7200)));
        assertThat(store.countCreatedBetween(T0, T0.plusSeconds(7200))).isEqualTo(2);
    }

    // ---------------------------------------------------------------- no-reply queries

    private LeadMessage sent(long leadId, Instant createdAt, MessageStatus status, String sentBy) {
        return store.save(aMessage().leadId(leadId).mobile("+1555555" + String.format("%04d", leadId)).status(status)
                .sentBy(sentBy).createdAt(createdAt).sentAt(createdAt).build());
    }

    @Test
    void latestSentBeforeListsEachLeadsLatestSentMessageByLeadId() {
        Instant cutoff = T0.plusSeconds(3_600);
        sent(3, T0, MessageStatus.SENT, "maria");
        LeadMessage latest3 = sent(3, T0.plusSeconds(60), MessageStatus.READ, "maria");
        sent(3, T0.plusSeconds(120), MessageStatus.FAILED, "maria");        // never reached the lead
        LeadMessage automated = sent(3, T0.plusSeconds(180), MessageStatus.SENT, "automation"); // left out by sender
        sent(5, T0, MessageStatus.SENT, "maria");
        sent(5, cutoff.plusSeconds(1), MessageStatus.DELIVERED, "maria"); // latest is after the cutoff
        LeadMessage latest7 = sent(7, T0, MessageStatus.DELIVERED, "maria");
        sent(9, T0, MessageStatus.QUEUED, "maria");

        var rows = store.latestSentBefore(cutoff, "automation", 0, 10);
        assertThat(rows).extracting(r -> r.leadId()).containsExactly(3L, 7L);
        assertThat(rows.get(0).messageId()).isEqualTo(latest3.id());
        assertThat(rows.get(0).createdAt()).isEqualTo(latest3.createdAt());
        assertThat(rows.get(0).mobile()).isEqualTo("+15555550003");
        assertThat(rows.get(1).messageId()).isEqualTo(latest7.id());

        assertThat(store.latestSentBefore(cutoff, "automation", 3, 1)).extracting(r -> r.leadId()).containsExactly(7L);
        assertThat(store.latestSentBefore(cutoff, null, 0, 10)).extracting(r -> r.messageId())
                .containsExactly(automated.id(), latest7.id());
    }

    @Test
    void theLogIsPagedOldestFirstAndNewestFirstByFilter() {
        List<LeadMessage> saved = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long lead = i % 3 == 0 ? 30 : 31;
            Long campaign = i % 2 == 0 ? 5L : null;
            MessageStatus status = i % 4 == 0 ? MessageStatus.FAILED : MessageStatus.SENT;
            saved.add(store.save(aMessage().leadId(lead).body("Hi " + i).status(status).campaignId(campaign)
                    .correlationId("page-" + i).providerMessageId("wamid.page" + i).createdAt(T0.plusSeconds(i))
                    .sentAt(null).build()));
        }
        List<Long> ascending = new ArrayList<>();
        long after = 0;
        while (true) {
            List<LeadMessage> page = store.page(MessageFilter.all(), after, 5);
            page.forEach(m -> ascending.add(m.id()));
            if (page.size() < 5) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        assertThat(ascending).containsExactlyElementsOf(saved.stream().map(LeadMessage::id).toList());

        assertThat(store.page(new MessageFilter(30L, null, null), 0, 100)).extracting(LeadMessage::body)
                .containsExactly("Hi 0", "Hi 3", "Hi 6", "Hi 9");
        assertThat(store.page(new MessageFilter(null, 5L, java.util.Set.of(MessageStatus.FAILED)), 0, 100))
                .extracting(LeadMessage::body).containsExactly("Hi 0", "Hi 4", "Hi 8");
        assertThat(store.page(new MessageFilter(31L, 5L, java.util.Set.of(MessageStatus.SENT)), 0, 100))
                .extracting(LeadMessage::body).containsExactly("Hi 2", "Hi 10");

        List<LeadMessage> newest = store.pageBefore(MessageFilter.lead(31), Long.MAX_VALUE, 3);
        assertThat(newest).extracting(LeadMessage::body).containsExactly("Hi 11", "Hi 10", "Hi 8");
        assertThat(store.pageBefore(MessageFilter.lead(31), newest.get(2).id(), 3)).extracting(LeadMessage::body)
                .containsExactly("Hi 7", "Hi 5", "Hi 4");
        assertThat(store.pageBefore(MessageFilter.lead(99), Long.MAX_VALUE, 3)).isEmpty();
    }
}
