package io.leadreach.sending;

import io.leadreach.internal.FieldErrors;
import java.util.Objects;

/** A campaign's own throttle: at most so many messages a minute, on top of the sender's rate. */
public final class ThrottleConfig {

    public static final int DEFAULT_MESSAGES_PER_MINUTE = 600;

    private static final ThrottleConfig DEFAULTS = custom().build();

    private final int messagesPerMinute;

    private ThrottleConfig(int messagesPerMinute) {
        this.messagesPerMinute = messagesPerMinute;
    }

    public static ThrottleConfig ofDefaults() {
        return DEFAULTS;
    }

    public static Builder custom() {
        return new Builder();
    }

    public int messagesPerMinute() {
        return messagesPerMinute;
    }

    /** The token bucket this throttle stands for. */
    public RateLimit toRateLimit() {
        return RateLimit.perMinute(messagesPerMinute);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThrottleConfig t && t.messagesPerMinute == messagesPerMinute;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(messagesPerMinute);
    }

    @Override
    public String toString() {
        return messagesPerMinute + "/min";
    }

    /** Builds a {@link ThrottleConfig}. */
    public static final class Builder {
        private int messagesPerMinute = DEFAULT_MESSAGES_PER_MINUTE;

        /** Messages a minute; positive. */
        public Builder messagesPerMinute(int v) {
            messagesPerMinute = v;
            return this;
        }

        /**
         * The throttle.
         *
         * @throws io.leadreach.ValidationException when {@code messagesPerMinute} is not positive
         */
        public ThrottleConfig build() {
            new FieldErrors().positive("messagesPerMinute", messagesPerMinute).throwIfAny();
            return new ThrottleConfig(messagesPerMinute);
        }
    }
}
