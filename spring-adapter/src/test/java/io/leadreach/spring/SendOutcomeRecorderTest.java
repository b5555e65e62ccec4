package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SendOutcomeRecorderTest {

    /** Every answer stamped with the same instant, as a coarse clock stamps answers that come together. */
    private final SendOutcomeRecorder recorder = new SendOutcomeRecorder(Clock.fixed(TestApplication.NOON, ZoneOffset.UTC));

    @Test
    void aConfigurationFailureIsMisconfiguredUntilASendGoesThroughEvenInTheSameInstant() {
        assertThat(recorder.misconfigured()).isFalse();
        recorder.onSent(Duration.ofMillis(10));
        recorder.onFailed("configuration", Duration.ofMillis(10));
        assertThat(recorder.misconfigured()).isTrue();
        recorder.onSent(Duration.ofMillis(10));
        assertThat(recorder.misconfigured()).isFalse();
        recorder.onFailed("configuration", Duration.ofMillis(10));
        assertThat(recorder.misconfigured()).isTrue();
        assertThat(recorder.lastFailure()).hasValueSatisfying(f -> assertThat(f.at()).isEqualTo(TestApplication.NOON));
    }

    @Test
    void otherFailuresAreNotMisconfiguration() {
        recorder.onFailed("retryable", Duration.ofMillis(10));
        assertThat(recorder.misconfigured()).isFalse();
        assertThat(recorder.lastFailure()).hasValueSatisfying(f -> assertThat(f.reason()).isEqualTo("retryable"));
    }
}
