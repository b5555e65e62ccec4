package io.leadreach.jpa;

import com.zaxxer.hikari.HikariDataSource;
import io.leadreach.sending.EngineScheduler;
import io.leadreach.sending.RecurringJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The child JVM of {@link DbSchedulerKilledNodeTest}: starts a {@link DbSchedulerEngineScheduler}
 * with a short heartbeat, schedules a tick of one campaign, and hangs inside that tick until it is
 * killed. Arguments: JDBC URL, user, node name, campaign id.
 */
final class SchedulerKillChild {

    private SchedulerKillChild() {
    }

    public static void main(String[] args) throws Exception {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(args[0]);
        ds.setUsername(args[1]);
        ds.setMaximumPoolSize(4);
        long campaignId = Long.parseLong(args[3]);
        DbSchedulerEngineScheduler scheduler = DbSchedulerEngineScheduler.builder(ds).nodeName(args[2])
                .pollingInterval(Duration.ofMillis(100)).heartbeatInterval(Duration.ofMillis(200))
                .missedHeartbeatsLimit(4).build();
        scheduler.start(new EngineScheduler.Work() {
            @Override
            public void runCampaign(long id) {
                System.out.println("RUNNING " + id);
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE); // the tick never ends: this JVM is killed in it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public List<RecurringJob> recurringJobs() {
                return List.of();
            }
        });
        scheduler.scheduleCampaign(campaignId, Instant.now());
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
