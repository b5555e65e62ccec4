package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadreach.CampaignSpec;
import io.leadreach.IllegalTransitionException;
import io.leadreach.LeadReach;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.lead.Lead;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.memory.InMemoryRateLimiter;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.sending.SendWindow;
import io.leadreach.sending.SendingConfig;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.SendOutcome;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Execute, pause, resume, retry-failed and cancel requests on one campaign, fired at random from
 * several threads at two engine instances (each with its own EntityManagerFactory, as two nodes
 * would have) while both are sending, leave the campaign consistent on PostgreSQL and MariaDB: a
 * legal final status, counters that add up to the recipient count and to what the transport
 * accepted, and no number that got more than one accepted message. A third of the numbers fail retryably on their
 * first send, so retry-failed has work to do. Each refused request must be a typed
 * {@link IllegalTransitionException}; anything else fails the test.
 */
class ConcurrentControlTest {

    private static final int LEADS = 200;
    private static final int THREADS = 6;
    private static final int REQUESTS_PER_THREAD = 40;
    private static final Actor ADMIN = new Actor("admin", EnumSet.allOf(Permission.class));

    /**
     * Each run is seeded; the first never cancels (it must end COMPLETED), the second usually ends
     * CANCELLED mid-send.
     */
    @ParameterizedTest
    @CsvSource({"POSTGRESQL, 7919, 0", "POSTGRESQL, 104729, 10", "MARIADB, 7919, 0", "MARIADB, 104729, 10"})
    void concurrentControlRequestsOnTwoNodesLeaveTheCampaignConsistent(TestDatabase db, long seed, int cancelPercent)
            throws Exception {
        db.clear("lead_whatsapp_campaign_leads", "lead_whatsapp_campaigns", "lead_whatsapp_messages",
                "lead_whatsapp_opt_outs");
        Instant now = Instant.now();
        InMemoryLeadDirectory leads = new InMemoryLeadDirectory();
        for (int i = 1; i <= LEADS; i++) {
            leads.put(Lead.builder(i).name("Lead " + i).mobile(String.format("+1201555%04d", i)).status("new")
                    .source("web").createdAt(now.minus(Duration.ofDays(30))).build());
        }
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        RecordingTransport transport = new RecordingTransport();
        transport.answerWith(m -> Math.floorMod(m.to().hashCode(), 3) == 0 && failedOnce.add(m.to())
                ? SendOutcome.Rejected.of(ErrorClass.RETRYABLE, "131000", "try again")
                : transport.accepted());
        EntityManagerFactory emfA = LeadReachJpa.createEntityManagerFactory(db.dataSource(), Map.of());
        EntityManagerFactory emfB = LeadReachJpa.createEntityManagerFactory(db.dataSource(), Map.of());
        try (LeadReach a = engine(emfA, transport, leads); LeadReach b = engine(emfB, transport, leads)) {
            Campaign c = a.service().createCampaign(ADMIN, CampaignSpec.builder().name("race").body("Hi {name}")
                    .messagesPerMinute(60_000).maxAttempts(1).build());
            long id = c.id();
            JpaCampaignStore store = new JpaCampaignStore(emfA);
            List<String> unexpected = new CopyOnWriteArrayList<>();
            AtomicInteger accepted = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(seed * (t + 1));
                LeadReach node = t % 2 == 0 ? a : b;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int r = 0; r < REQUESTS_PER_THREAD; r++) {
                        int op = random.nextInt(100);
                        try {
                            // Cancel is final, so it comes only after the first third of the requests.
                            boolean cancel = op >= 100 - cancelPercent && r >= REQUESTS_PER_THREAD / 3;
                            if (cancel) {
                                node.service().cancelCampaign(ADMIN, id);
                            } else if (op < 30) {
                                node.service().executeCampaign(ADMIN, id);
                            } else if (op < 55) {
                                node.service().pauseCampaign(ADMIN, id);
                            } else if (op < 80) {
                                node.service().resumeCampaign(ADMIN, id);
                            } else {
                                node.service().retryFailedMessages(ADMIN, id);
                            }
                            accepted.incrementAndGet();
                        } catch (IllegalTransitionException refused) {
                            // a request the campaign's status does not allow: expected under a race
                        } catch (RuntimeException e) {
                            unexpected.add(e.toString());
                        }
                        Thread.sleep(random.nextInt(15));
                    }
                    return null;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            long requestsDone = System.nanoTime();
            assertThat(unexpected).as("only typed refusals").isEmpty();
            assertThat(accepted.get()).as("some requests went through").isPositive();

            // Bring it to an end: resume a paused campaign, retry what failed, then wait until settled.
            AtomicReference<CampaignStatus> settled = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).alias("settled in time")
                    .until(() -> {
                        CampaignStatus seen = a.service().getCampaign(ADMIN, id).status();
                        CampaignCounters counts = store.counts(id);
                        settled.set(seen);
                        if (seen == CampaignStatus.CANCELLED && counts.open() == 0
                                || seen == CampaignStatus.COMPLETED && counts.open() == 0 && counts.failed() == 0) {
                            return true;
                        }
                        try {
                            switch (seen) {
                                case DRAFT -> a.service().executeCampaign(ADMIN, id);
                                case PAUSED -> b.service().resumeCampaign(ADMIN, id);
                                case COMPLETED -> b.service().retryFailedMessages(ADMIN, id);
                                default -> { }
                            }
                        } catch (IllegalTransitionException raced) {
                            // the engine moved it meanwhile; look again
                        }
                        return false;
                    });
            CampaignStatus status = settled.get();

            CampaignCounters counts = store.counts(id);
            System.out.printf("concurrent control on %s: %d requests accepted in %d ms, settled after %d ms more, final %s %s%n",
                    db, accepted.get(), (requestsDone - began) / 1_000_000, (System.nanoTime() - requestsDone) / 1_000_000,
                    status, counts);
            assertThat(status).isIn(CampaignStatus.COMPLETED, CampaignStatus.CANCELLED);
            // Cancelled while its recipients were being added, a campaign holds fewer: none is added after.
            assertThat(counts.total()).isLessThanOrEqualTo(LEADS);
            assertThat(counts.open()).isZero();
            assertThat(counts.inDoubt()).isZero();
            Map<String, Long> acceptedPerNumber = transport.sent().stream()
                    .filter(s -> s.outcome() instanceof SendOutcome.Accepted)
                    .collect(Collectors.groupingBy(s -> s.message().to(), Collectors.counting()));
            assertThat(acceptedPerNumber.values()).as("no number sent twice").allMatch(n -> n == 1L);
            assertThat(counts.sent()).as("the store's sent count is what the transport accepted")
                    .isEqualTo(acceptedPerNumber.size());
            assertThat(counts.sent() + counts.failed() + counts.cancelled() + counts.skipped())
                    .as("every recipient settled").isEqualTo(counts.total());
            if (cancelPercent == 0) {
                assertThat(status).isEqualTo(CampaignStatus.COMPLETED);
            }
            if (status == CampaignStatus.COMPLETED) {
                assertThat(counts.total()).isEqualTo(LEADS);
                assertThat(counts.sent()).isEqualTo(LEADS);
            }
        } finally {
            emfA.close();
            emfB.close();
        }
    }

    private static LeadReach engine(EntityManagerFactory emf, RecordingTransport transport,
                                    InMemoryLeadDirectory leads) {
        Clock clock = Clock.systemUTC();
        return LeadReach.builder()
                .clock(clock).transport(transport).leadDirectory(leads)
                .campaignStore(new JpaCampaignStore(emf)).messageStore(new JpaMessageStore(emf))
                .consentStore(new JpaConsentStore(emf)).templateStore(new JpaTemplateStore(emf))
                .conversationStore(new JpaConversationStore(emf))
                .rateLimiter(new InMemoryRateLimiter(clock))
                .sending(SendingConfig.custom().batchSize(20).sendWindow(SendWindow.always())
                        .senderMessagesPerSecond(400).pollInterval(Duration.ofMillis(50))
                        .enforceServiceWindow(false).build())
                .build();
    }
}
