package io.leadreach.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.ValidationException;
import io.leadreach.ValidationException.FieldError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = RetryPolicy.custom().initialBackoff(Duration.ofSeconds(10)).multiplier(2)
            .maxBackoff(Duration.ofMinutes(1)).jitter(0.25).maxAttempts(5).build();

    @Test
    void backoffGrowsExponentiallyUpToTheCap() {
        assertThat(policy.backoff(1, null, 0.5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.backoff(2, null, 0.5)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.backoff(3, null, 0.5)).isEqualTo(Duration.ofSeconds(40));
        assertThat(policy.backoff(9, null, 0.5)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void jitterSpreadsTheWaitBothWays() {
        assertThat(policy.backoff(1, null, 0.0)).isEqualTo(Duration.ofMillis(7_500));
        assertThat(policy.backoff(1, null, 0.999999)).isBetween(Duration.ofMillis(12_499), Duration.ofMillis(12_500));
    }

    @Test
    void aLongerRetryAfterWins() {
        assertThat(policy.backoff(1, Duration.ofMinutes(5), 0.5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.backoff(1, Duration.ofSeconds(1), 0.5)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void attemptsAreCounted() {
        assertThat(policy.allowsAnotherAttempt(4)).isTrue();
        assertThat(policy.allowsAnotherAttempt(5)).isFalse();
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> RetryPolicy.custom().maxAttempts(0).build()).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> RetryPolicy.custom().maxAttempts(RetryPolicy.MAX_ATTEMPTS + 1).build())
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> RetryPolicy.custom().jitter(1.5).build()).hasMessageContaining("jitter");
        assertThatThrownBy(() -> RetryPolicy.custom().initialBackoff(Duration.ZERO).build())
                .hasMessageContaining("initialBackoff");
        assertThatThrownBy(() -> ThrottleConfig.custom().messagesPerMinute(0).build())
                .hasMessageContaining("messagesPerMinute");
        assertThatThrownBy(() -> SendingConfig.custom().lease(Duration.ofSeconds(10)).build())
                .hasMessageContaining("sendTimeout");
    }

    @Test
    void everyBadSettingIsNamedAtOnceAsAFieldError() {
        assertThatThrownBy(() -> RetryPolicy.custom().maxAttempts(0).multiplier(0.5).jitter(-1)
                .initialBackoff(Duration.ofMinutes(5)).maxBackoff(Duration.ofMinutes(1)).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("maxAttempts", "multiplier", "jitter", "maxBackoff"));
        assertThatThrownBy(() -> SendingConfig.custom().batchSize(0).workers(-1).lease(Duration.ofSeconds(10))
                .syncBulkLimit(50).maxBulkLeads(20).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("batchSize", "workers", "sendTimeout", "maxBulkLeads"));
    }

    @Test
    void rateLimitedSendsGetTenAttemptsAndASecondDoublingToAMinuteByDefault() {
        RetryPolicy d = RetryPolicy.ofDefaults();
        assertThat(d.rateLimitedAttempts()).isEqualTo(10);
        assertThat(d.rateLimitInitialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.rateLimitMaxBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(d.rateLimitBackoff(1, null, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.rateLimitBackoff(2, null, 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.rateLimitBackoff(6, null, 0.5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(d.rateLimitBackoff(7, null, 0.5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(d.rateLimitBackoff(40, null, 0.5)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theRateLimitBackoffIsSpreadByATwentiethEachWayAndYieldsToALongerRetryAfter() {
        RetryPolicy d = RetryPolicy.custom().rateLimitInitialBackoff(Duration.ofSeconds(2))
                .rateLimitMaxBackoff(Duration.ofSeconds(5)).build();
        assertThat(d.rateLimitBackoff(1, null, 0.0)).isEqualTo(Duration.ofMillis(1_600));
        assertThat(d.rateLimitBackoff(1, null, 0.999999)).isBetween(Duration.ofMillis(2_399), Duration.ofMillis(2_400));
        assertThat(d.rateLimitBackoff(3, null, 0.5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.rateLimitBackoff(1, Duration.ofSeconds(9), 0.5)).isEqualTo(Duration.ofSeconds(9));
        assertThat(d.rateLimitBackoff(1, Duration.ofMillis(10), 0.5)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void badRateLimitSettingsAreNamedAsFieldErrors() {
        assertThatThrownBy(() -> RetryPolicy.custom().rateLimitedAttempts(0).rateLimitInitialBackoff(Duration.ZERO)
                .rateLimitMaxBackoff(Duration.ofSeconds(-1)).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("rateLimitedAttempts", "rateLimitInitialBackoff", "rateLimitMaxBackoff"));
        assertThatThrownBy(() -> RetryPolicy.custom().rateLimitedAttempts(RetryPolicy.MAX_ATTEMPTS + 1).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("rateLimitedAttempts"));
        assertThatThrownBy(() -> RetryPolicy.custom().rateLimitInitialBackoff(Duration.ofSeconds(10))
                .rateLimitMaxBackoff(Duration.ofSeconds(5)).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("rateLimitMaxBackoff"));
    }

    @Test
    void theRateLimitSettingsTakePartInEquality() {
        RetryPolicy other = RetryPolicy.custom().rateLimitedAttempts(4).build();
        assertThat(other).isNotEqualTo(RetryPolicy.ofDefaults());
        assertThat(RetryPolicy.custom().build()).isEqualTo(RetryPolicy.ofDefaults())
                .hasSameHashCodeAs(RetryPolicy.ofDefaults());
    }

    @Test
    void toBuilderKeepsEverySetting() {
        RetryPolicy custom = RetryPolicy.custom().maxAttempts(7).initialBackoff(Duration.ofSeconds(3)).multiplier(1.5)
                .maxBackoff(Duration.ofMinutes(2)).jitter(0.05).rateLimitedAttempts(9)
                .rateLimitInitialBackoff(Duration.ofMillis(700)).rateLimitMaxBackoff(Duration.ofSeconds(20)).build();
        assertThat(custom.toBuilder().build()).isEqualTo(custom);
        assertThat(custom.toBuilder().maxAttempts(2).build().rateLimitedAttempts()).isEqualTo(9);
    }
}
