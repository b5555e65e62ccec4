package io.leadreach.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.testing.ManualWorkQueue;
import io.leadreach.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkQueueSchedulerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));
    private final ManualWorkQueue queue = new ManualWorkQueue(clock);
    private final WorkQueueScheduler scheduler = new WorkQueueScheduler(queue, clock);
    private final List<Long> ticks = new ArrayList<>();
    private int sweeps;

    private void start() {
        scheduler.start(new EngineScheduler.Work() {
            @Override
            public void runCampaign(long campaignId) {
                ticks.add(campaignId);
            }

            @Override
            public List<RecurringJob> recurringJobs() {
                return List.of(new RecurringJob("sweep", Duration.ofSeconds(5), () -> sweeps++));
            }
        });
    }

    @Test
    void aCampaignScheduledTwiceTicksOnceAtTheLatestInstant() {
        start();
        scheduler.scheduleCampaign(7, clock.instant().plusSeconds(10));
        scheduler.scheduleCampaign(7, clock.instant().plusSeconds(30));
        clock.advance(Duration.ofSeconds(10));
        queue.runDue();
        assertThat(ticks).isEmpty();
        clock.advance(Duration.ofSeconds(20));
        queue.runDue();
        assertThat(ticks).containsExactly(7L);
    }

    @Test
    void recurringJobsRunAtOnceAndThenEveryInterval() {
        start();
        queue.runDue();
        assertThat(sweeps).isEqualTo(1);
        clock.advance(Duration.ofSeconds(5));
        queue.runDue();
        assertThat(sweeps).isEqualTo(2);
    }

    @Test
    void aJobThatThrowsRunsAgain() {
        int[] runs = {0};
        scheduler.start(new EngineScheduler.Work() {
            @Override
            public void runCampaign(long campaignId) {
            }

            @Override
            public List<RecurringJob> recurringJobs() {
                return List.of(new RecurringJob("boom", Duration.ofSeconds(1), () -> {
                    runs[0]++;
                    throw new IllegalStateException("test failure");
                }));
            }
        });
        queue.runDue();
        clock.advance(Duration.ofSeconds(1));
        queue.runDue();
        assertThat(runs[0]).isEqualTo(2);
    }

    @Test
    void nothingRunsAfterClose() {
        start();
        scheduler.scheduleCampaign(1, clock.instant());
        scheduler.close();
        queue.runDue();
        assertThat(ticks).isEmpty();
        assertThat(sweeps).isZero();
    }

    @Test
    void jobNamesAndIntervalsAreChecked() {
        assertThatThrownBy(() -> new RecurringJob("Has Spaces", Duration.ofSeconds(1), () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecurringJob("ok", Duration.ZERO, () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
