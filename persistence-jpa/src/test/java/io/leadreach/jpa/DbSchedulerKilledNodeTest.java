package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadreach.sending.EngineScheduler;
import io.leadreach.sending.RecurringJob;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node SIGKILLed in the middle of a campaign tick on PostgreSQL: its row stays picked with a
 * heartbeat that stops, and another node's db-scheduler finds the execution dead and runs the tick.
 */
class DbSchedulerKilledNodeTest {

    private static final long CAMPAIGN = 4242;

    @Test
    void aTickOfAKilledNodeRunsAgainOnAnother() throws Exception {
        TestDatabase db = TestDatabase.POSTGRESQL;
        db.clear(DbSchedulerEngineScheduler.TABLE);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                SchedulerKillChild.class.getName(), db.dataSource().getJdbcUrl(), db.dataSource().getUsername(),
                "doomed-node", Long.toString(CAMPAIGN)).redirectErrorStream(true).start();
        try {
            CountDownLatch running = new CountDownLatch(1);
            Thread pump = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.equals("RUNNING " + CAMPAIGN)) {
                            running.countDown();
                        }
                    }
                } catch (java.io.IOException e) {
                    // killed
                }
            }, "child-output");
            pump.setDaemon(true);
            pump.start();
            assertThat(running.await(60, TimeUnit.SECONDS)).as("the child runs the tick").isTrue();
            assertThat(pickedBy(db)).isEqualTo("doomed-node");
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no stop(), the row stays picked
            child.waitFor(10, TimeUnit.SECONDS);
        }

        List<Long> ticks = new CopyOnWriteArrayList<>();
        try (DbSchedulerEngineScheduler survivor = DbSchedulerEngineScheduler.builder(db.dataSource())
                .nodeName("survivor").pollingInterval(Duration.ofMillis(100)).heartbeatInterval(Duration.ofMillis(200))
                .missedHeartbeatsLimit(4).shutdownMaxWait(Duration.ofSeconds(2)).build()) {
            survivor.start(new EngineScheduler.Work() {
                @Override
                public void runCampaign(long campaignId) {
                    ticks.add(campaignId);
                }

                @Override
                public List<RecurringJob> recurringJobs() {
                    return List.of();
                }
            });
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> !ticks.isEmpty());
            assertThat(ticks).containsExactly(CAMPAIGN);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .alias("the revived tick completed and its row is gone").until(() -> pickedBy(db) == null);
        }
    }

    /** Who holds the campaign's tick, or null when there is no row. */
    private static String pickedBy(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT picked_by FROM " + DbSchedulerEngineScheduler.TABLE + " WHERE task_name = ? AND task_instance = ?")) {
            q.setString(1, DbSchedulerEngineScheduler.CAMPAIGN_TASK);
            q.setString(2, Long.toString(CAMPAIGN));
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? (rs.getString(1) == null ? "" : rs.getString(1)) : null;
            }
        }
    }
}
