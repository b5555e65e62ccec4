package io.leadreach.contract;

import static io.leadreach.contract.TestRecords.aCampaign;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignKind;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.campaign.InDoubtResolution;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.campaign.Settlement;
import io.leadreach.campaign.SkipReason;
import io.leadreach.internal.CorrelationIds;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.sending.RetryPolicy;
import io.leadreach.sending.ThrottleConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link CampaignStore} passes. A store adapter's test is a subclass that
 * supplies a fresh, empty store; JobRunr-style, usually a few lines.
 */
public abstract class CampaignStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    protected static final Duration LEASE = Duration.ofMinutes(2);

    protected CampaignStore store;

    /** A fresh store holding nothing (or nothing this test can see). */
    protected abstract CampaignStore newStore();

    /** Threads used by the concurrency checks; a store may lower it. */
    protected int threads() {
        return 4;
    }

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    protected static Campaign draft(String name) {
        return aCampaign().name(name).description("a test campaign").createdAt(T0).build();
    }

    protected long campaignWith(int recipients) {
        Campaign c = store.create(draft("c" + System.nanoTime()));
        store.addRecipients(c.id(), LongStream.rangeClosed(1, recipients).boxed().toList(), T0);
        return c.id();
    }

    private static void assertAddsUp(CampaignCounters counts, long total) {
        assertThat(counts.total()).as("counters add up: %s", counts).isEqualTo(total);
    }

    // ------------------------------------------------------------------ campaigns

    @Test
    void createAssignsAnIdAndFindReturnsTheCampaign() {
        Campaign c = store.create(draft("spring offer"));
        assertThat(c.id()).isPositive();
        assertThat(store.find(c.id())).hasValueSatisfying(found -> {
            assertThat(found.name()).isEqualTo("spring offer");
            assertThat(found.status()).isEqualTo(CampaignStatus.DRAFT);
            assertThat(found.throttle()).isEqualTo(ThrottleConfig.ofDefaults());
            assertThat(found.retryPolicy()).isEqualTo(RetryPolicy.ofDefaults());
            assertThat(found.target()).isEqualTo(TargetCriteria.all());
        });
        assertThat(store.find(c.id() + 1000)).isEmpty();
    }

    @Test
    void aCampaignKeepsItsSenderNumbersInOrder() {
        Campaign one = store.create(draft("one number").toBuilder().senderNumbers(List.of("106540352242922")).build());
        Campaign pool = store.create(draft("a pool").toBuilder()
                .senderNumbers(List.of("106540352242923", "106540352242921", "106540352242922")).build());
        Campaign none = store.create(draft("the default number"));
        assertThat(store.find(one.id()).orElseThrow().senderNumbers()).containsExactly("106540352242922");
        assertThat(store.find(pool.id()).orElseThrow().senderNumbers())
                .containsExactly("106540352242923", "106540352242921", "106540352242922");
        assertThat(store.find(none.id()).orElseThrow().senderNumbers()).isEmpty();
        assertThat(store.transition(pool.id(), CampaignStatus.DRAFT, CampaignStatus.ACTIVE, T0, null))
                .hasValueSatisfying(c -> assertThat(c.senderNumbers()).hasSize(3));
    }

    @Test
    void aCampaignKeepsEverySettingOfItsRetryPolicy() {
        RetryPolicy policy = RetryPolicy.custom().maxAttempts(4).initialBackoff(Duration.ofSeconds(12)).multiplier(3)
                .maxBackoff(Duration.ofMinutes(7)).jitter(0.1).rateLimitedAttempts(7)
                .rateLimitInitialBackoff(Duration.ofMillis(1_500)).rateLimitMaxBackoff(Duration.ofSeconds(45)).build();
        Campaign c = store.create(draft("retries").toBuilder().retryPolicy(policy).build());
        assertThat(store.find(c.id())).hasValueSatisfying(found -> assertThat(found.retryPolicy()).isEqualTo(policy));
    }

    @Test
    void listFiltersByStatusNewestFirst() {
        Campaign a = store.create(draft("a"));
        Campaign b = store.create(draft("b"));
        store.transition(b.id(), CampaignStatus.DRAFT, CampaignStatus.ACTIVE, T0, null);
        assertThat(store.list(Set.of())).extracting(Campaign::id).containsSubsequence(b.id(), a.id());
        assertThat(store.list(EnumSet.of(CampaignStatus.ACTIVE))).extracting(Campaign::id).contains(b.id())
                .doesNotContain(a.id());
    }

    @Test
    void transitionIsCompareAndSetAndStampsTimes() {
        Campaign c = store.create(draft("x"));
        assertThat(store.transition(c.id(), CampaignStatus.SCHEDULED, CampaignStatus.ACTIVE, T0, null)).isEmpty();
        Optional<Campaign> active = store.transition(c.id(), CampaignStatus.DRAFT, CampaignStatus.ACTIVE, T0, null);
        assertThat(active).hasValueSatisfying(a -> assertThat(a.startedAt()).isEqualTo(T0));
        Optional<Campaign> paused = store.transition(c.id(), CampaignStatus.ACTIVE, CampaignStatus.PAUSED,
                T0.plusSeconds(5), "quality");
        assertThat(paused).hasValueSatisfying(p -> {
            assertThat(p.statusReason()).isEqualTo("quality");
            assertThat(p.startedAt()).isEqualTo(T0);
        });
        assertThat(store.find(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.PAUSED);
    }

    @Test
    void concurrentTransitionsFromOneStatusHaveOneWinner() throws Exception {
        Campaign c = store.create(draft("race"));
        store.transition(c.id(), CampaignStatus.DRAFT, CampaignStatus.ACTIVE, T0, null);
        AtomicInteger winners = new AtomicInteger();
        runConcurrently(threads() * 2, i -> {
            CampaignStatus to = i % 2 == 0 ? CampaignStatus.PAUSED : CampaignStatus.CANCELLED;
            if (store.transition(c.id(), CampaignStatus.ACTIVE, to, T0, null).isPresent()) {
                winners.incrementAndGet();
            }
        });
        assertThat(winners).hasValue(1);
    }

    @Test
    void materialisationProgressIsRecorded() {
        Campaign c = store.create(draft("m"));
        store.recordMaterialized(c.id(), 500, false);
        assertThat(store.find(c.id()).orElseThrow()).satisfies(x -> {
            assertThat(x.materializedUpTo()).isEqualTo(500);
            assertThat(x.materialized()).isFalse();
        });
        store.recordMaterialized(c.id(), 700, true);
        assertThat(store.find(c.id()).orElseThrow()).satisfies(x -> {
            assertThat(x.materializedUpTo()).isEqualTo(700);
            assertThat(x.materialized()).isTrue();
        });
    }

    // ------------------------------------------------------------------ recipients

    @Test
    void addingRecipientsIsIdempotentPerLead() {
        Campaign c = store.create(draft("idem"));
        assertThat(store.addRecipients(c.id(), List.of(1L, 2L, 3L), T0)).isEqualTo(3);
        assertThat(store.addRecipients(c.id(), List.of(2L, 3L, 4L), T0)).isEqualTo(1);
        assertThat(store.counts(c.id()).get(RecipientStatus.PENDING)).isEqualTo(4);
        assertAddsUp(store.counts(c.id()), 4);
    }

    /**
     * Nodes that materialize the same campaign at once add overlapping pages: every lead becomes a
     * recipient once, and the counts the adders return add up to the leads added (none counted by
     * two adders, none lost), with no adder failing.
     */
    @Test
    void concurrentAddersOfOverlappingLeadsAddEachLeadOnceAndCountItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 5; round++) {
                Campaign c = store.create(draft("race-" + round));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> adders = new ArrayList<>();
                for (int node = 0; node < 3; node++) {
                    // node k adds leads 1..300 shifted by 50·k: every lead from 51 to 300 is added by two or three nodes
                    List<Long> leads = LongStream.rangeClosed(1 + 50L * node, 300 + 50L * node).boxed().toList();
                    adders.add(pool.submit(() -> {
                        start.await();
                        int added = 0;
                        for (int from = 0; from < leads.size(); from += 60) {
                            added += store.addRecipients(c.id(), leads.subList(from, Math.min(leads.size(), from + 60)), T0);
                        }
                        return added;
                    }));
                }
                start.countDown();
                int added = 0;
                for (Future<Integer> adder : adders) {
                    added += adder.get(60, TimeUnit.SECONDS);
                }
                assertThat(added).as("round %d: leads counted as added", round).isEqualTo(400);
                assertThat(store.counts(c.id()).get(RecipientStatus.PENDING)).isEqualTo(400);
                assertAddsUp(store.counts(c.id()), 400);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void claimTakesOnlyDueRecipientsAndNeverTheSameTwice() {
        long id = campaignWith(5);
        List<CampaignRecipient> first = store.claim(id, "node-a", T0, T0.plus(LEASE), 3);
        List<CampaignRecipient> second = store.claim(id, "node-b", T0, T0.plus(LEASE), 10);
        assertThat(first).hasSize(3).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RecipientStatus.CLAIMED);
            assertThat(r.owner()).isEqualTo("node-a");
            assertThat(r.leaseUntil()).isEqualTo(T0.plus(LEASE));
        });
        assertThat(second).hasSize(2);
        Set<Long> ids = new HashSet<>();
        first.forEach(r -> ids.add(r.id()));
        second.forEach(r -> ids.add(r.id()));
        assertThat(ids).hasSize(5);
        assertThat(store.claim(id, "node-c", T0, T0.plus(LEASE), 10)).isEmpty();
        assertThat(store.counts(id).get(RecipientStatus.CLAIMED)).isEqualTo(5);
    }

    @Test
    void concurrentClaimsNeverOverlap() throws Exception {
        long id = campaignWith(400);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        runConcurrently(threads(), i -> {
            while (true) {
                List<CampaignRecipient> got = store.claim(id, "node-" + i, T0, T0.plus(LEASE), 7);
                if (got.isEmpty()) {
                    return;
                }
                for (CampaignRecipient r : got) {
                    if (!seen.add(r.id())) {
                        duplicates.incrementAndGet();
                    }
                }
            }
        });
        assertThat(duplicates).hasValue(0);
        assertThat(seen).hasSize(400);
    }

    @Test
    void aReleasedRecipientIsDueAgainAtItsTimeWithoutCountingAnAttempt() {
        long id = campaignWith(1);
        CampaignRecipient r = store.claim(id, "a", T0, T0.plus(LEASE), 1).get(0);
        Instant later = T0.plus(Duration.ofHours(11));
        assertThat(store.release(r.id(), "someone-else", later)).isFalse();
        assertThat(store.release(r.id(), "a", later)).isTrue();
        assertThat(store.nextDueAt(id)).contains(later);
        assertThat(store.claim(id, "a", T0.plusSeconds(60), T0.plus(LEASE), 1)).isEmpty();
        List<CampaignRecipient> again = store.claim(id, "b", later, later.plus(LEASE), 1);
        assertThat(again).singleElement().satisfies(x -> assertThat(x.attempts()).isZero());
    }

    @Test
    void onlyTheOwnerMarksSendingAndEachMarkCountsAnAttempt() {
        long id = campaignWith(1);
        CampaignRecipient r = store.claim(id, "a", T0, T0.plus(LEASE), 1).get(0);
        assertThat(store.markSending(r.id(), "b", "corr-1", T0)).isFalse();
        assertThat(store.markSending(r.id(), "a", "corr-1", T0)).isTrue();
        assertThat(store.markSending(r.id(), "a", "corr-2", T0)).as("not CLAIMED any more").isFalse();
        assertThat(store.findRecipient(r.id())).hasValueSatisfying(x -> {
            assertThat(x.status()).isEqualTo(RecipientStatus.SENDING);
            assertThat(x.attempts()).isEqualTo(1);
            assertThat(x.correlationId()).isEqualTo("corr-1");
        });
        assertThat(store.findRecipientByCorrelationId("corr-1")).map(CampaignRecipient::id).contains(r.id());
    }

    @Test
    void markingSendingInBulkMarksOnlyWhatTheOwnerStillHolds() {
        long id = campaignWith(4);
        List<CampaignRecipient> mine = store.claim(id, "a", T0, T0.plus(Duration.ofSeconds(1)), 3);
        CampaignRecipient theirs = store.claim(id, "b", T0, T0.plus(LEASE), 1).get(0);
        // a's lease on the first one lapses and b takes it over: a is now a stale owner of it.
        Instant later = T0.plusSeconds(2);
        CampaignRecipient lapsed = mine.get(0);
        assertThat(store.release(lapsed.id(), "a", T0)).isTrue();
        assertThat(store.claim(id, "b", later, later.plus(LEASE), 1)).extracting(CampaignRecipient::id)
                .containsExactly(lapsed.id());
        Map<Long, String> wanted = new LinkedHashMap<>();
        for (CampaignRecipient r : mine) {
            wanted.put(r.id(), "bulk-" + r.id());
        }
        wanted.put(theirs.id(), "bulk-" + theirs.id());
        assertThat(store.markSendingAll(wanted, "a", later))
                .containsExactlyInAnyOrder(mine.get(1).id(), mine.get(2).id());
        for (CampaignRecipient r : mine.subList(1, 3)) {
            assertThat(store.findRecipient(r.id())).hasValueSatisfying(x -> {
                assertThat(x.status()).isEqualTo(RecipientStatus.SENDING);
                assertThat(x.attempts()).isEqualTo(1);
                assertThat(x.correlationId()).isEqualTo("bulk-" + r.id());
            });
        }
        for (long other : List.of(lapsed.id(), theirs.id())) {
            assertThat(store.findRecipient(other)).hasValueSatisfying(x -> {
                assertThat(x.status()).as("b's, untouched").isEqualTo(RecipientStatus.CLAIMED);
                assertThat(x.owner()).isEqualTo("b");
                assertThat(x.attempts()).isZero();
            });
        }
        assertThat(store.markSendingAll(wanted, "a", later)).as("tried again after a lost answer: the same, no new attempt")
                .containsExactlyInAnyOrder(mine.get(1).id(), mine.get(2).id());
        assertThat(store.findRecipient(mine.get(1).id()).orElseThrow().attempts()).isEqualTo(1);
        Map<Long, String> fresh = new LinkedHashMap<>();
        wanted.keySet().forEach(r -> fresh.put(r, "fresh-" + r));
        assertThat(store.markSendingAll(fresh, "a", later)).as("not CLAIMED any more").isEmpty();
        assertThat(store.markSendingAll(wanted, "b", later)).as("b's are CLAIMED, not SENDING by a")
                .containsExactlyInAnyOrder(lapsed.id(), theirs.id());
        assertThat(store.markSendingAll(Map.of(), "a", later)).isEmpty();
        assertAddsUp(store.counts(id), 4);
    }

    @Test
    void aClaimThatLapsedAndWasTakenAgainByTheSameOwnerCannotBeMarkedUnderTheEarlierClaim() {
        // Two lanes of one node share the owner (the node id): lane 0 claims, stalls past its lease,
        // lane 1 claims the same recipient again and marks it. Lane 0's late, retried mark must not
        // count as its own, or both lanes would send. The correlation id is per claim, so it does not.
        long id = campaignWith(1);
        CampaignRecipient first = store.claim(id, "node", T0, T0.plus(LEASE), 1).get(0);
        String firstId = CorrelationIds.forRecipient(id, first.id(), first.attempts() + 1, first.leaseUntil());
        Instant later = T0.plus(LEASE).plusSeconds(1);
        assertThat(store.expireLeases(id, later)).isEqualTo(1);
        CampaignRecipient second = store.claim(id, "node", later, later.plus(LEASE), 1).get(0);
        String secondId = CorrelationIds.forRecipient(id, second.id(), second.attempts() + 1, second.leaseUntil());
        assertThat(secondId).isNotEqualTo(firstId);
        assertThat(store.markSendingAll(Map.of(second.id(), secondId), "node", later)).containsExactly(second.id());
        assertThat(store.markSendingAll(Map.of(first.id(), firstId), "node", later)).as("the earlier claim's").isEmpty();
        assertThat(store.findRecipient(first.id()).orElseThrow().correlationId()).isEqualTo(secondId);
        assertAddsUp(store.counts(id), 1);
    }

    @Test
    void settlingInBulkSettlesEachAttemptAsSettleWouldAndNeverAStaleOne() {
        long id = campaignWith(7);
        CampaignRecipient sent = sending(id, "s1");
        CampaignRecipient sentToo = sending(id, "s2");
        CampaignRecipient failed = sending(id, "f1");
        CampaignRecipient retried = sending(id, "r1");
        CampaignRecipient doubted = sending(id, "d1");
        CampaignRecipient heldInDoubt = sending(id, "h1");
        assertThat(store.settle("h1", new Settlement.InDoubt("timeout"), T0)).isPresent();
        CampaignRecipient moved = sending(id, "old");
        // "old" was retried and is now a newer attempt "new": "old" is stale.
        assertThat(store.settle("old", new Settlement.Retry(T0, "131000", "again"), T0)).isPresent();
        CampaignRecipient again = store.claim(id, "a", T0, T0.plus(LEASE), 1).get(0);
        assertThat(again.id()).isEqualTo(moved.id());
        assertThat(store.markSending(again.id(), "a", "new", T0)).isTrue();

        Instant later = T0.plusSeconds(5);
        Map<String, Settlement> batch = new LinkedHashMap<>();
        batch.put("s1", new Settlement.Sent("wamid.s1", later));
        batch.put("s2", new Settlement.Sent("wamid.s2", later.plusSeconds(1)));
        batch.put("f1", new Settlement.Failed("131026", "undeliverable", false));
        batch.put("r1", new Settlement.Retry(later.plusSeconds(60), "131000", "try again"));
        batch.put("d1", new Settlement.InDoubt("no answer"));
        batch.put("h1", new Settlement.Retry(later, "x", "a doubt is never resent"));
        batch.put("old", new Settlement.Sent("wamid.stale", later));
        batch.put("unknown", new Settlement.Sent("wamid.unknown", later));
        assertThat(store.settleAll(batch, later)).containsExactlyInAnyOrder("s1", "s2", "f1", "r1", "d1");

        assertThat(store.findRecipient(sent.id())).hasValueSatisfying(x -> {
            assertThat(x.status()).isEqualTo(RecipientStatus.SENT);
            assertThat(x.providerMessageId()).isEqualTo("wamid.s1");
            assertThat(x.sentAt()).isEqualTo(later);
            assertThat(x.owner()).isNull();
        });
        assertThat(store.findRecipient(sentToo.id())).hasValueSatisfying(x -> {
            assertThat(x.providerMessageId()).isEqualTo("wamid.s2");
            assertThat(x.sentAt()).isEqualTo(later.plusSeconds(1));
        });
        assertThat(store.findRecipient(failed.id())).hasValueSatisfying(x -> {
            assertThat(x.status()).isEqualTo(RecipientStatus.FAILED);
            assertThat(x.errorCode()).isEqualTo("131026");
        });
        assertThat(store.findRecipient(retried.id())).hasValueSatisfying(x -> {
            assertThat(x.status()).isEqualTo(RecipientStatus.PENDING);
            assertThat(x.nextAttemptAt()).isEqualTo(later.plusSeconds(60));
        });
        assertThat(store.findRecipient(doubted.id()).orElseThrow().status()).isEqualTo(RecipientStatus.IN_DOUBT);
        assertThat(store.findRecipient(heldInDoubt.id()).orElseThrow().status()).isEqualTo(RecipientStatus.IN_DOUBT);
        assertThat(store.findRecipient(moved.id())).hasValueSatisfying(x -> {
            assertThat(x.status()).as("the stale attempt changed nothing").isEqualTo(RecipientStatus.SENDING);
            assertThat(x.correlationId()).isEqualTo("new");
            assertThat(x.providerMessageId()).isNull();
        });

        Map<String, Settlement> repeat = new LinkedHashMap<>(batch);
        repeat.put("h1", new Settlement.Sent("wamid.h1", later));
        assertThat(store.settleAll(repeat, later)).as("idempotent; a doubt settles on a final outcome")
                .containsExactly("h1");
        assertThat(store.settleAll(Map.of(), later)).isEmpty();
        assertThat(store.findRecipient(sent.id()).orElseThrow().providerMessageId()).isEqualTo("wamid.s1");
        CampaignCounters counts = store.counts(id);
        assertThat(counts.sent()).isEqualTo(3);
        assertAddsUp(counts, 7);
    }

    @Test
    void concurrentBulkAndSingleSettlesOfOneAttemptHaveOneWinner() throws Exception {
        int n = 40;
        long id = campaignWith(n);
        List<String> correlationIds = new ArrayList<>();
        for (CampaignRecipient r : store.claim(id, "a", T0, T0.plus(LEASE), n)) {
            assertThat(store.markSending(r.id(), "a", "cc-" + r.id(), T0)).isTrue();
            correlationIds.add("cc-" + r.id());
        }
        Map<String, Settlement> all = new LinkedHashMap<>();
        for (String c : correlationIds) {
            all.put(c, new Settlement.Sent("wamid." + c, T0));
        }
        AtomicInteger wins = new AtomicInteger();
        runConcurrently(threads(), i -> {
            if (i % 2 == 0) {
                wins.addAndGet(store.settleAll(all, T0).size());
            } else {
                for (String c : correlationIds) {
                    if (store.settle(c, new Settlement.Sent("wamid." + c, T0), T0).isPresent()) {
                        wins.incrementAndGet();
                    }
                }
            }
        });
        assertThat(wins.get()).as("each attempt settled exactly once").isEqualTo(n);
        assertThat(store.counts(id).sent()).isEqualTo(n);
    }

    @Test
    void openRecipientsAreCountedOverTheCampaignsInTheGivenStatuses() {
        long a = campaignWith(3);
        long b = campaignWith(4);
        campaignWith(5); // stays a DRAFT
        assertThat(store.transition(a, CampaignStatus.DRAFT, CampaignStatus.ACTIVE, T0, null)).isPresent();
        assertThat(store.transition(b, CampaignStatus.DRAFT, CampaignStatus.ACTIVE, T0, null)).isPresent();
        List<CampaignRecipient> claimed = store.claim(a, "x", T0, T0.plus(LEASE), 2);
        assertThat(store.skip(claimed.get(0).id(), "x", SkipReason.OPTED_OUT, T0)).isTrue(); // no longer open
        assertThat(store.markSending(claimed.get(1).id(), "x", "open-1", T0)).isTrue();     // SENDING: open
        assertThat(store.countOpen(java.util.EnumSet.of(CampaignStatus.ACTIVE))).isEqualTo(2 + 4);
        assertThat(store.countOpen(java.util.EnumSet.of(CampaignStatus.DRAFT))).isEqualTo(5);
        assertThat(store.countOpen(java.util.EnumSet.of(CampaignStatus.PAUSED))).isZero();
        assertThat(store.countOpen(java.util.EnumSet.noneOf(CampaignStatus.class))).as("all campaigns").isEqualTo(11);
    }

    private CampaignRecipient inDoubt(long campaignId, String correlationId, Instant at) {
        CampaignRecipient r = sending(campaignId, correlationId);
        assertThat(store.settle(correlationId, new Settlement.InDoubt("no answer"), at)).isPresent();
        return r;
    }

    @Test
    void aDoubtResolvedAsSentIsSentWithTheActorRecordedAndOnlyOnce() {
        long id = campaignWith(2);
        CampaignRecipient r = inDoubt(id, "doubt-1", T0);
        Instant later = T0.plusSeconds(3600);
        InDoubtResolution byMaria = new InDoubtResolution(InDoubtResolution.Kind.TREAT_AS_SENT, "maria", later);
        assertThat(store.resolveInDoubt(r.id(), byMaria)).hasValueSatisfying(x -> {
            assertThat(x.status()).isEqualTo(RecipientStatus.SENT);
            assertThat(x.sentAt()).isEqualTo(later);
            assertThat(x.providerMessageId()).isNull();
            assertThat(x.correlationId()).isEqualTo("doubt-1");
            assertThat(x.attempts()).isEqualTo(1);
            assertThat(x.resolution()).isEqualTo(byMaria);
        });
        assertThat(store.findRecipient(r.id()).orElseThrow().resolution()).isEqualTo(byMaria);
        assertThat(store.resolveInDoubt(r.id(), new InDoubtResolution(InDoubtResolution.Kind.SEND_AGAIN, "tom",
                later))).as("no longer in doubt").isEmpty();
        assertThat(store.advance("doubt-1", RecipientStatus.DELIVERED, later.plusSeconds(1), null, null))
                .as("a late status webhook still applies").isTrue();
        assertThat(store.resolveInDoubt(r.id() + 1_000_000, byMaria)).isEmpty();
        CampaignCounters counts = store.counts(id);
        assertThat(counts.inDoubt()).isZero();
        assertAddsUp(counts, 2);
    }

    @Test
    void aDoubtSentAgainIsPendingDueAtOnceAndSentUnderANewAttempt() {
        long id = campaignWith(1);
        CampaignRecipient r = inDoubt(id, "doubt-2", T0);
        Instant later = T0.plusSeconds(600);
        InDoubtResolution again = new InDoubtResolution(InDoubtResolution.Kind.SEND_AGAIN, "maria", later);
        assertThat(store.resolveInDoubt(r.id(), again)).hasValueSatisfying(x -> {
            assertThat(x.status()).isEqualTo(RecipientStatus.PENDING);
            assertThat(x.nextAttemptAt()).isEqualTo(later);
            assertThat(x.owner()).isNull();
            assertThat(x.resolution()).isEqualTo(again);
        });
        assertThat(store.nextDueAt(id)).contains(later);
        assertThat(store.settle("doubt-2", new Settlement.Sent("wamid.old", later), later))
                .as("the old attempt's webhook cannot settle the new one").isEmpty();
        CampaignRecipient claimed = store.claim(id, "b", later, later.plus(LEASE), 1).get(0);
        assertThat(claimed.id()).isEqualTo(r.id());
        assertThat(store.markSending(claimed.id(), "b", "doubt-2-again", later)).isTrue();
        assertThat(store.settle("doubt-2-again", new Settlement.Sent("wamid.new", later), later)).isPresent();
        assertThat(store.findRecipient(r.id())).hasValueSatisfying(x -> {
            assertThat(x.status()).isEqualTo(RecipientStatus.SENT);
            assertThat(x.attempts()).isEqualTo(2);
            assertThat(x.resolution()).as("the decision stays on record").isEqualTo(again);
        });
    }

    @Test
    void concurrentResolutionsOfOneDoubtHaveOneWinner() throws Exception {
        long id = campaignWith(1);
        CampaignRecipient r = inDoubt(id, "doubt-3", T0);
        AtomicInteger wins = new AtomicInteger();
        runConcurrently(threads(), i -> {
            InDoubtResolution.Kind kind = i % 2 == 0 ? InDoubtResolution.Kind.TREAT_AS_SENT
                    : InDoubtResolution.Kind.SEND_AGAIN;
            if (store.resolveInDoubt(r.id(), new InDoubtResolution(kind, "op-" + i, T0)).isPresent()) {
                wins.incrementAndGet();
            }
        });
        assertThat(wins).hasValue(1);
        assertAddsUp(store.counts(id), 1);
    }

    @Test
    void doubtsHeldSinceATimeAreListedAcrossCampaigns() {
        long a = campaignWith(2);
        long b = campaignWith(1);
        CampaignRecipient old = inDoubt(a, "old-a", T0);
        CampaignRecipient oldB = inDoubt(b, "old-b", T0.plusSeconds(10));
        inDoubt(a, "recent-a", T0.plusSeconds(7200));
        Instant cutoff = T0.plusSeconds(3600);
        assertThat(store.inDoubtSince(cutoff, 0, 10)).extracting(CampaignRecipient::id)
                .containsExactly(old.id(), oldB.id());
        assertThat(store.inDoubtSince(cutoff, old.id(), 10)).extracting(CampaignRecipient::id)
                .containsExactly(oldB.id());
        assertThat(store.inDoubtSince(cutoff, 0, 1)).extracting(CampaignRecipient::id).containsExactly(old.id());
        assertThat(store.inDoubtSince(T0, 0, 10)).isEmpty();
    }

    @Test
    void skippingRecordsTheReason() {
        long id = campaignWith(1);
        CampaignRecipient r = store.claim(id, "a", T0, T0.plus(LEASE), 1).get(0);
        assertThat(store.skip(r.id(), "a", SkipReason.OPTED_OUT, T0)).isTrue();
        assertThat(store.findRecipient(r.id())).hasValueSatisfying(x -> {
            assertThat(x.status()).isEqualTo(RecipientStatus.SKIPPED);
            assertThat(x.skipReason()).isEqualTo(SkipReason.OPTED_OUT);
        });
        assertThat(store.skip(r.id(), "a", SkipReason.OPTED_OUT, T0)).isFalse();
        assertThat(store.counts(id).skipped()).isEqualTo(1);
    }

    @Test
    void everySkipReasonIsKept() {
        SkipReason[] reasons = SkipReason.values();
        long id = campaignWith(reasons.length);
        List<CampaignRecipient> claimed = store.claim(id, "a", T0, T0.plus(LEASE), reasons.length);
        assertThat(claimed).hasSize(reasons.length);
        for (int i = 0; i < reasons.length; i++) {
            assertThat(store.skip(claimed.get(i).id(), "a", reasons[i], T0)).isTrue();
        }
        for (int i = 0; i < reasons.length; i++) {
            assertThat(store.findRecipient(claimed.get(i).id()).orElseThrow().skipReason()).isEqualTo(reasons[i]);
        }
    }

    private CampaignRecipient sending(long campaignId, String correlationId) {
        CampaignRecipient r = store.claim(campaignId, "a", T0, T0.plus(LEASE), 1).get(0);
        assertThat(store.markSending(r.id(), "a", correlationId, T0)).isTrue();
        return r;
    }

    @Test
    void settlingAsSentRecordsTheProviderIdOnce() {
        long id = campaignWith(1);
        sending(id, "c1");
        Optional<CampaignRecipient> sent = store.settle("c1", new Settlement.Sent("wamid.1", T0), T0);
        assertThat(sent).hasValueSatisfying(x -> {
            assertThat(x.status()).isEqualTo(RecipientStatus.SENT);
            assertThat(x.providerMessageId()).isEqualTo("wamid.1");
            assertThat(x.sentAt()).isEqualTo(T0);
            assertThat(x.owner()).isNull();
        });
        assertThat(store.settle("c1", new Settlement.Sent("wamid.1", T0), T0)).as("idempotent").isEmpty();
        assertThat(store.settle("c1", new Settlement.Failed("131026", "x", false), T0)).as("never backwards")
                .isEmpty();
        assertThat(store.settle("unknown", new Settlement.Sent("wamid.2", T0), T0)).isEmpty();
        assertThat(store.counts(id).sent()).isEqualTo(1);
    }

    @Test
    void aRetryMakesTheRecipientDueLaterAndAStaleAttemptCannotSettleIt() {
        long id = campaignWith(1);
        CampaignRecipient r = sending(id, "c1");
        Instant later = T0.plusSeconds(30);
        assertThat(store.settle("c1", new Settlement.Retry(later, "131000", "try again"), T0)).isPresent();
        assertThat(store.findRecipient(r.id())).hasValueSatisfying(x -> {
            assertThat(x.status()).isEqualTo(RecipientStatus.PENDING);
            assertThat(x.nextAttemptAt()).isEqualTo(later);
            assertThat(x.errorCode()).isEqualTo("131000");
        });
        CampaignRecipient again = store.claim(id, "b", later, later.plus(LEASE), 1).get(0);
        assertThat(store.markSending(again.id(), "b", "c2", later)).isTrue();
        assertThat(store.settle("c1", new Settlement.Sent("wamid.old", later), later)).as("stale attempt").isEmpty();
        assertThat(store.settle("c2", new Settlement.Sent("wamid.new", later), later)).isPresent();
        assertThat(store.findRecipient(r.id())).hasValueSatisfying(x -> {
            assertThat(x.providerMessageId()).isEqualTo("wamid.new");
            assertThat(x.attempts()).isEqualTo(2);
        });
    }

    @Test
    void anInDoubtRecipientIsSettledOnlyByAFinalOutcome() {
        long id = campaignWith(1);
        CampaignRecipient r = sending(id, "c1");
        assertThat(store.settle("c1", new Settlement.InDoubt("timeout"), T0)).isPresent();
        assertThat(store.counts(id).inDoubt()).isEqualTo(1);
        assertThat(store.settle("c1", new Settlement.Retry(T0, "x", "y"), T0)).as("never resent").isEmpty();
        assertThat(store.claim(id, "a", T0.plusSeconds(3600), T0.plus(LEASE), 10)).isEmpty();
        assertThat(store.settle("c1", new Settlement.Sent("wamid.9", T0.plusSeconds(9)), T0.plusSeconds(9)))
                .isPresent();
        assertThat(store.findRecipient(r.id()).orElseThrow().status()).isEqualTo(RecipientStatus.SENT);
        assertAddsUp(store.counts(id), 1);
    }

    @Test
    void deliveryAndReadOnlyMoveForward() {
        long id = campaignWith(1);
        sending(id, "c1");
        store.settle("c1", new Settlement.Sent("wamid.1", T0), T0);
        assertThat(store.advance("c1", RecipientStatus.READ, T0.plusSeconds(20), null, null)).isTrue();
        assertThat(store.advance("c1", RecipientStatus.DELIVERED, T0.plusSeconds(10), null, null)).isFalse();
        assertThat(store.advance("c1", RecipientStatus.READ, T0.plusSeconds(20), null, null)).isFalse();
        assertThat(store.advance("c1", RecipientStatus.FAILED, T0.plusSeconds(30), "131026", "x")).isFalse();
        assertThat(store.counts(id).read()).isEqualTo(1);
    }

    @Test
    void batchAdvancesAgreeWithSingleAdvancesIncludingRepeatsAndOutOfOrderReports() {
        long seed = Long.getLong("leadreach.test.seed", System.nanoTime());
        System.out.println(getClass().getSimpleName() + " batch advances seed: " + seed + " (-Dleadreach.test.seed="
                + seed + " to repeat)");
        java.util.Random random = new java.util.Random(seed);
        int keys = 5;
        long id = campaignWith(2 * keys);
        for (int k = 0; k < keys; k++) {
            for (String side : List.of("one", "all")) {
                sending(id, side + k);
                store.settle(side + k, new Settlement.Sent("wamid." + side + k, T0), T0);
            }
        }
        RecipientStatus[] reported = {RecipientStatus.SENT, RecipientStatus.DELIVERED, RecipientStatus.READ,
                RecipientStatus.FAILED};
        List<CampaignStore.Advance> moves = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            RecipientStatus status = reported[random.nextInt(reported.length)];
            boolean failed = status == RecipientStatus.FAILED;
            CampaignStore.Advance a = new CampaignStore.Advance("all" + random.nextInt(keys + 1), status,
                    T0.plusSeconds(1 + random.nextInt(60)), failed ? "13102" + random.nextInt(3) : null,
                    failed ? "undeliverable " + i : null);
            moves.add(a);
            if (random.nextInt(4) == 0) {
                moves.add(a); // the same report again
            }
        }
        List<Boolean> one = new ArrayList<>();
        for (CampaignStore.Advance a : moves) {
            one.add(store.advance(a.correlationId().replace("all", "one"), a.status(), a.at(), a.errorCode(),
                    a.errorMessage()));
        }
        assertThat(store.advanceAll(moves)).as("seed %d", seed).isEqualTo(one);
        assertThat(store.advanceAll(List.of())).isEmpty();

        List<String> wanted = new ArrayList<>();
        for (int k = 0; k <= keys; k++) {
            wanted.add("all" + k);
            wanted.add("all" + k);
        }
        Map<String, CampaignRecipient> found = store.findRecipientsByCorrelationIds(wanted);
        assertThat(found).as("unknown ids are absent").doesNotContainKey("all" + keys).hasSize(keys);
        assertThat(store.findRecipientsByCorrelationIds(List.of())).isEmpty();
        for (int k = 0; k < keys; k++) {
            assertThat(found.get("all" + k)).isEqualTo(store.findRecipientByCorrelationId("all" + k).orElseThrow());
            assertThat(found.get("all" + k)).as("seed %d, recipient %d", seed, k).usingRecursiveComparison()
                    .ignoringFields("id", "leadId", "correlationId", "providerMessageId")
                    .isEqualTo(store.findRecipientByCorrelationId("one" + k).orElseThrow());
        }
        assertAddsUp(store.counts(id), 2 * keys);
    }

    @Test
    void theFirstReplyIsRecordedOnceAndCounted() {
        long id = campaignWith(2);
        CampaignRecipient r = sending(id, "c1");
        store.settle("c1", new Settlement.Sent("wamid.1", T0), T0);
        assertThat(store.countReplied(id)).isZero();
        assertThat(store.recordReply("c1", T0.plusSeconds(60))).isTrue();
        assertThat(store.recordReply("c1", T0.plusSeconds(90))).isFalse();
        assertThat(store.recordReply("c-unknown", T0)).isFalse();
        assertThat(store.findRecipient(r.id()).orElseThrow().repliedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(store.countReplied(id)).isEqualTo(1);
        assertAddsUp(store.counts(id), 2);
    }

    @Test
    void aFailureReportAfterSentIsRecorded() {
        long id = campaignWith(1);
        CampaignRecipient r = sending(id, "c1");
        store.settle("c1", new Settlement.Sent("wamid.1", T0), T0);
        assertThat(store.advance("c1", RecipientStatus.FAILED, T0.plusSeconds(30), "131026", "undeliverable"))
                .isTrue();
        assertThat(store.findRecipient(r.id())).hasValueSatisfying(x -> {
            assertThat(x.status()).isEqualTo(RecipientStatus.FAILED);
            assertThat(x.errorCode()).isEqualTo("131026");
        });
    }

    @Test
    void lapsedClaimsReturnToPendingAndLapsedSendsAreHeldInDoubt() {
        long id = campaignWith(3);
        List<CampaignRecipient> claimed = store.claim(id, "dead-node", T0, T0.plus(LEASE), 3);
        store.markSending(claimed.get(0).id(), "dead-node", "c1", T0);
        assertThat(store.expireLeases(id, T0.plus(LEASE).minusSeconds(1))).isZero();
        assertThat(store.expireLeases(id, T0.plus(LEASE))).isEqualTo(3);
        CampaignCounters n = store.counts(id);
        assertThat(n.get(RecipientStatus.PENDING)).isEqualTo(2);
        assertThat(n.inDoubt()).isEqualTo(1);
        assertThat(store.markSending(claimed.get(1).id(), "dead-node", "c2", T0.plus(LEASE)))
                .as("a stale owner cannot send after its lease lapsed").isFalse();
        List<CampaignRecipient> retaken = store.claim(id, "new-node", T0.plus(LEASE), T0.plus(LEASE).plus(LEASE), 10);
        assertThat(retaken).extracting(CampaignRecipient::id)
                .containsExactlyInAnyOrder(claimed.get(1).id(), claimed.get(2).id());
    }

    @Test
    void cancellingCancelsPendingAndClaimedButNotWhatIsBeingSent() {
        long id = campaignWith(4);
        List<CampaignRecipient> claimed = store.claim(id, "a", T0, T0.plus(LEASE), 2);
        store.markSending(claimed.get(0).id(), "a", "c1", T0);
        assertThat(store.cancelOpen(id, T0)).isEqualTo(3);
        assertThat(store.markSending(claimed.get(1).id(), "a", "c2", T0)).isFalse();
        CampaignCounters n = store.counts(id);
        assertThat(n.cancelled()).isEqualTo(3);
        assertThat(n.get(RecipientStatus.SENDING)).isEqualTo(1);
        assertThat(store.settle("c1", new Settlement.Sent("wamid.1", T0), T0)).isPresent();
        assertAddsUp(store.counts(id), 4);
    }

    @Test
    void onlyRetryableFailuresAreRequeued() {
        long id = campaignWith(2);
        List<CampaignRecipient> claimed = store.claim(id, "a", T0, T0.plus(LEASE), 2);
        store.markSending(claimed.get(0).id(), "a", "c1", T0);
        store.markSending(claimed.get(1).id(), "a", "c2", T0);
        store.settle("c1", new Settlement.Failed("131000", "unavailable", true), T0);
        store.settle("c2", new Settlement.Failed("131026", "undeliverable", false), T0);
        assertThat(store.requeueRetryableFailures(id, T0.plusSeconds(60))).isEqualTo(1);
        assertThat(store.findRecipient(claimed.get(0).id())).hasValueSatisfying(x -> {
            assertThat(x.status()).isEqualTo(RecipientStatus.PENDING);
            assertThat(x.attempts()).isZero();
        });
        assertThat(store.findRecipient(claimed.get(1).id())).hasValueSatisfying(x -> {
            assertThat(x.status()).isEqualTo(RecipientStatus.FAILED);
            assertThat(x.errorCode()).isEqualTo("131026");
        });
        assertThat(store.requeueRetryableFailures(id, T0.plusSeconds(60))).isZero();
    }

    @Test
    void nextDueAtIsTheEarliestPendingDueTime() {
        long id = campaignWith(2);
        List<CampaignRecipient> claimed = store.claim(id, "a", T0, T0.plus(LEASE), 2);
        store.release(claimed.get(0).id(), "a", T0.plusSeconds(300));
        store.release(claimed.get(1).id(), "a", T0.plusSeconds(100));
        assertThat(store.nextDueAt(id)).contains(T0.plusSeconds(100));
        store.claim(id, "a", T0.plusSeconds(1000), T0.plusSeconds(2000), 2);
        assertThat(store.nextDueAt(id)).isEmpty();
    }

    @Test
    void recipientsArePagedByAscendingId() {
        long id = campaignWith(25);
        List<CampaignRecipient> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<CampaignRecipient> page = store.recipients(id, after, 10);
            if (page.isEmpty()) {
                break;
            }
            all.addAll(page);
            after = page.get(page.size() - 1).id();
        }
        assertThat(all).hasSize(25);
        assertThat(all).extracting(CampaignRecipient::id).isSorted().doesNotHaveDuplicates();
        assertThat(all).extracting(CampaignRecipient::leadId).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, 25).boxed().collect(Collectors.toList()));
    }

    @Test
    void recipientsAreFilteredByStatusAndPagedByAscendingId() {
        long id = campaignWith(30);
        List<CampaignRecipient> claimed = store.claim(id, "a", T0, T0.plus(LEASE), 12);
        for (CampaignRecipient r : claimed) {
            store.skip(r.id(), "a", SkipReason.OPTED_OUT, T0);
        }
        java.util.Set<Long> skippedIds = claimed.stream().map(CampaignRecipient::id).collect(Collectors.toSet());
        List<CampaignRecipient> skipped = new ArrayList<>();
        long after = 0;
        while (true) {
            List<CampaignRecipient> page = store.recipients(id, java.util.Set.of(RecipientStatus.SKIPPED), after, 5);
            skipped.addAll(page);
            if (page.size() < 5) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        assertThat(skipped).extracting(CampaignRecipient::id).isSorted().containsExactlyInAnyOrderElementsOf(skippedIds);
        assertThat(skipped).allSatisfy(r -> assertThat(r.skipReason()).isEqualTo(SkipReason.OPTED_OUT));
        assertThat(store.recipients(id, java.util.Set.of(RecipientStatus.PENDING, RecipientStatus.SKIPPED), 0, 100))
                .hasSize(30);
        assertThat(store.recipients(id, java.util.Set.of(RecipientStatus.PENDING), 0, 100)).hasSize(18)
                .allSatisfy(r -> assertThat(skippedIds).doesNotContain(r.id()));
        assertThat(store.recipients(id, java.util.Set.of(), 0, 7)).hasSize(7);
        assertThat(store.recipients(id, java.util.Set.of(RecipientStatus.FAILED), 0, 10)).isEmpty();
    }

    @Test
    void countersAddUpWhileRunnersWorkConcurrently() throws Exception {
        long id = campaignWith(300);
        List<CampaignCounters> snapshots = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger corr = new AtomicInteger();
        runConcurrently(threads() + 1, i -> {
            if (i == 0) {
                for (int k = 0; k < 200; k++) {
                    snapshots.add(store.counts(id));
                }
                return;
            }
            String owner = "node-" + i;
            while (true) {
                List<CampaignRecipient> got = store.claim(id, owner, T0, T0.plus(LEASE), 5);
                if (got.isEmpty()) {
                    return;
                }
                for (CampaignRecipient r : got) {
                    String c = "c" + corr.incrementAndGet();
                    switch ((int) (r.leadId() % 4)) {
                        case 0 -> store.skip(r.id(), owner, SkipReason.INVALID_NUMBER, T0);
                        case 1 -> {
                            store.markSending(r.id(), owner, c, T0);
                            store.settle(c, new Settlement.Sent("w" + c, T0), T0);
                        }
                        case 2 -> {
                            store.markSending(r.id(), owner, c, T0);
                            store.settle(c, new Settlement.Failed("131026", "x", false), T0);
                        }
                        default -> {
                            store.markSending(r.id(), owner, c, T0);
                            store.settle(c, new Settlement.InDoubt("timeout"), T0);
                        }
                    }
                }
            }
        });
        assertThat(snapshots).allSatisfy(s -> assertAddsUp(s, 300));
        CampaignCounters end = store.counts(id);
        assertThat(end.skipped()).isEqualTo(75);
        assertThat(end.sent()).isEqualTo(75);
        assertThat(end.failed()).isEqualTo(75);
        assertThat(end.inDoubt()).isEqualTo(75);
        assertThat(end.open()).isZero();
    }

    /** Runs {@code task(i)} on {@code n} threads at once and waits for all of them. */
    protected static void runConcurrently(int n, ThrowingIntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    task.accept(index);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A task of a concurrency check. */
    @FunctionalInterface
    protected interface ThrowingIntConsumer {
        void accept(int i) throws Exception;
    }
}
