package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import org.awaitility.Awaitility;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import io.leadreach.CampaignSpec;
import io.leadreach.LeadReach;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.memory.InMemoryRateLimiter;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.sending.EngineScheduler;
import io.leadreach.sending.RecurringJob;
import io.leadreach.sending.SendWindow;
import io.leadreach.sending.SendingConfig;
import io.leadreach.testing.MutableClock;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.transport.OutboundMessage;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Campaign ticks and recurring jobs on db-scheduler, on real databases: de-duplicated ticks, a
 * scheduled campaign that starts on time, two nodes on one campaign, and a dead node's task
 * revived by another. db-scheduler polls in real time, so these tests wait (briefly) for it.
 */
class DbSchedulerEngineSchedulerTest {

    private static final Actor ADMIN = new Actor("admin", EnumSet.allOf(Permission.class));
    private static final Duration POLL = Duration.ofMillis(100);

    /** A stand-in for the engine: records the ticks it is asked to run. */
    private static final class Recorded implements EngineScheduler.Work {
        final List<Long> ticks = new CopyOnWriteArrayList<>();
        final List<RecurringJob> jobs = new ArrayList<>();

        @Override
        public void runCampaign(long campaignId) {
            ticks.add(campaignId);
        }

        @Override
        public List<RecurringJob> recurringJobs() {
            return jobs;
        }
    }

    private static DbSchedulerEngineScheduler.Builder scheduler(TestDatabase db, String node) {
        return DbSchedulerEngineScheduler.builder(db.dataSource()).nodeName(node).pollingInterval(POLL)
                .shutdownMaxWait(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void schedulingACampaignTwiceMovesItsOneTick(TestDatabase db) {
        db.clear(DbSchedulerEngineScheduler.TABLE);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));
        try (DbSchedulerEngineScheduler s = scheduler(db, "node-a").clock(clock).build()) {
            Recorded work = new Recorded();
            s.start(work);
            s.scheduleCampaign(5, clock.instant().plusSeconds(60));
            s.scheduleCampaign(5, clock.instant().plusSeconds(3600));
            s.scheduleCampaign(6, clock.instant().plusSeconds(60));
            List<ScheduledExecution<Object>> ticks =
                    s.scheduler().getScheduledExecutionsForTask(DbSchedulerEngineScheduler.CAMPAIGN_TASK);
            Map<String, Instant> byCampaign = ticks.stream().collect(Collectors.toMap(
                    e -> e.getTaskInstance().getId(), ScheduledExecution::getExecutionTime));
            assertThat(byCampaign).containsOnly(Map.entry("5", clock.instant().plusSeconds(3600)),
                    Map.entry("6", clock.instant().plusSeconds(60)));

            clock.advance(Duration.ofSeconds(61));
            s.scheduler().triggerCheckForDueExecutions(); // no need to wait for the next poll
            await(Duration.ofSeconds(30), () -> work.ticks.contains(6L));
            assertThat(work.ticks).containsExactly(6L);
        }
    }

    /** Work whose first tick waits until it is let go, so the test can act while it runs. */
    private static final class Blocking implements EngineScheduler.Work {
        final List<Long> ticks = new CopyOnWriteArrayList<>();
        final CountDownLatch running = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void runCampaign(long campaignId) {
            ticks.add(campaignId);
            if (ticks.size() == 1) {
                running.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public List<RecurringJob> recurringJobs() {
            return List.of();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aTickAskedForWhileTheCampaignsTickRunsRunsAfterIt(TestDatabase db) throws Exception {
        db.clear(DbSchedulerEngineScheduler.TABLE);
        Blocking work = new Blocking();
        try (DbSchedulerEngineScheduler s = scheduler(db, "node-a").build()) {
            s.start(work);
            s.scheduleCampaign(7, Instant.now());
            s.scheduler().triggerCheckForDueExecutions();
            assertThat(work.running.await(20, TimeUnit.SECONDS)).as("the first tick runs").isTrue();
            // Another thread of this node (a resume request, say) asks for a tick while this one runs.
            s.scheduleCampaign(7, Instant.now());
            work.release.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> work.ticks.size() >= 2);
            assertThat(work.ticks).startsWith(7L, 7L);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aTickAskedForOnAnotherNodeWhileTheTickRunsRunsAfterIt(TestDatabase db) throws Exception {
        db.clear(DbSchedulerEngineScheduler.TABLE);
        Blocking work = new Blocking();
        Recorded elsewhere = new Recorded();
        try (DbSchedulerEngineScheduler a = scheduler(db, "node-a").build();
             DbSchedulerEngineScheduler b = scheduler(db, "node-b").build()) {
            a.start(work);
            a.scheduleCampaign(8, Instant.now());
            a.scheduler().triggerCheckForDueExecutions();
            assertThat(work.running.await(20, TimeUnit.SECONDS)).as("the first tick runs on node a").isTrue();
            b.start(elsewhere);
            b.scheduleCampaign(8, Instant.now()); // the tick is picked by node a right now
            work.release.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> work.ticks.size() + elsewhere.ticks.size() >= 2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aDeadNodesTickIsRevivedByAnother(TestDatabase db) throws SQLException {
        db.clear(DbSchedulerEngineScheduler.TABLE);
        Instant now = Instant.now();
        // What a node killed while it ran campaign 42's tick leaves behind: the row picked, by a
        // node whose last heartbeat is long gone.
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + DbSchedulerEngineScheduler.TABLE
                     + " (task_name, task_instance, execution_time, picked, picked_by, last_heartbeat, version)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            // Written as db-scheduler writes them: in UTC on MariaDB's DATETIME, else in the JVM's zone.
            Calendar utc = Calendar.getInstance(db == TestDatabase.MARIADB ? TimeZone.getTimeZone("UTC") : TimeZone.getDefault());
            insert.setString(1, DbSchedulerEngineScheduler.CAMPAIGN_TASK);
            insert.setString(2, "42");
            insert.setTimestamp(3, Timestamp.from(now.minusSeconds(120)), utc);
            insert.setBoolean(4, true);
            insert.setString(5, "killed-node");
            insert.setTimestamp(6, Timestamp.from(now.minusSeconds(60)), utc);
            insert.setLong(7, 1);
            insert.executeUpdate();
        }
        try (DbSchedulerEngineScheduler s = scheduler(db, "survivor").heartbeatInterval(Duration.ofMillis(200))
                .missedHeartbeatsLimit(4).build()) {
            Recorded work = new Recorded();
            s.start(work);
            await(Duration.ofSeconds(20), () -> work.ticks.contains(42L));
            assertThat(work.ticks).containsExactly(42L);
            await(Duration.ofSeconds(5), () -> s.scheduler()
                    .getScheduledExecutionsForTask(DbSchedulerEngineScheduler.CAMPAIGN_TASK).isEmpty());
        }
    }

    @Test
    void aScheduledCampaignStartsAtItsTimeOnPostgres() {
        TestDatabase db = TestDatabase.POSTGRESQL;
        clearEngineTables(db);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));
        RecordingTransport transport = new RecordingTransport();
        Instant at = clock.instant().plus(Duration.ofHours(2));
        try (LeadReach node = engine(db, db.emf(), "node-a", clock, transport, FictionalLeads.directory(3),
                Duration.ofHours(10))) {
            Campaign c = node.service().createCampaign(ADMIN, CampaignSpec.builder().name("later").body("Hi {name}")
                    .scheduledAt(at).build());
            sleep(Duration.ofMillis(600)); // several polls: nothing is due yet
            assertThat(transport.count()).isZero();
            assertThat(new JpaCampaignStore(db.emf()).find(c.id()).orElseThrow().status())
                    .isEqualTo(CampaignStatus.SCHEDULED);

            clock.set(at.plusMillis(1));
            JpaCampaignStore campaigns = new JpaCampaignStore(db.emf());
            await(Duration.ofSeconds(20), () -> campaigns.find(c.id()).orElseThrow().status() == CampaignStatus.COMPLETED);
            assertThat(transport.count()).isEqualTo(3);
            // The sweep waits ten hours here: the campaign's own tick started it.
            assertThat(campaigns.find(c.id()).orElseThrow().startedAt()).isEqualTo(at.plusMillis(1));
        }
    }

    @Test
    @SuppressWarnings("try") // the second engine only has to be running
    void twoNodesOnOneCampaignSendEachLeadOnceAndFinish() {
        TestDatabase db = TestDatabase.POSTGRESQL;
        clearEngineTables(db);
        int leads = 80;
        InMemoryLeadDirectory directory = FictionalLeads.directory(leads);
        RecordingTransport ta = new RecordingTransport();
        RecordingTransport tb = new RecordingTransport();
        EntityManagerFactory second = LeadReachJpa.createEntityManagerFactory(db.dataSource(), Map.of());
        Clock clock = Clock.systemUTC();
        try (second;
             LeadReach a = engine(db, db.emf(), "node-a", clock, ta, directory, Duration.ofMillis(200));
             LeadReach b = engine(db, second, "node-b", clock, tb, directory, Duration.ofMillis(200))) {
            Campaign c = a.service().createCampaign(ADMIN, CampaignSpec.builder().name("both").body("Hi {name}")
                    .messagesPerMinute(1_000_000).scheduledAt(clock.instant().plusMillis(300)).build());
            JpaCampaignStore campaigns = new JpaCampaignStore(db.emf());
            long t0 = System.nanoTime();
            await(Duration.ofSeconds(60), () -> campaigns.find(c.id()).orElseThrow().status() == CampaignStatus.COMPLETED);

            Map<String, Long> perNumber = Stream.concat(ta.messages().stream(), tb.messages().stream())
                    .collect(Collectors.groupingBy(OutboundMessage::to, Collectors.counting()));
            assertThat(perNumber).hasSize(leads);
            assertThat(perNumber.values()).containsOnly(1L);
            CampaignCounters n = campaigns.counts(c.id());
            assertThat(n.sent()).isEqualTo(leads);
            assertThat(n.total()).isEqualTo(leads);
            assertThat(n.get(RecipientStatus.IN_DOUBT) + n.get(RecipientStatus.PENDING)
                    + n.get(RecipientStatus.CLAIMED) + n.get(RecipientStatus.SENDING)).isZero();
            System.out.printf("two nodes on one campaign: node-a sent %d, node-b sent %d, in %d ms%n", ta.count(), tb.count(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private static void clearEngineTables(TestDatabase db) {
        db.clear(DbSchedulerEngineScheduler.TABLE, "lead_whatsapp_campaign_leads", "lead_whatsapp_campaigns",
                "lead_whatsapp_messages", "lead_whatsapp_opt_outs");
    }

    private static LeadReach engine(TestDatabase db, EntityManagerFactory emf, String node, Clock clock,
                                    RecordingTransport transport, InMemoryLeadDirectory leads, Duration sweep) {
        return LeadReach.builder().clock(clock).transport(transport).leadDirectory(leads)
                .campaignStore(new JpaCampaignStore(emf)).messageStore(new JpaMessageStore(emf))
                .consentStore(new JpaConsentStore(emf)).templateStore(new JpaTemplateStore(emf))
                .rateLimiter(new InMemoryRateLimiter(clock)).nodeId(node)
                .sending(SendingConfig.custom().enforceServiceWindow(false).sendWindow(SendWindow.always())
                        .senderMessagesPerSecond(2_000).leadPacing(Duration.ZERO).pollInterval(sweep).build())
                .scheduler(scheduler(db, node).clock(clock).build())
                .build();
    }

    private static void await(Duration max, BooleanSupplier done) {
        long end = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not done within " + max);
            }
            sleep(Duration.ofMillis(50));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
