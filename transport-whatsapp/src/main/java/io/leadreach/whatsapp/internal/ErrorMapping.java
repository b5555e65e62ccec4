package io.leadreach.whatsapp.internal;

import io.leadreach.transport.ErrorClass;
import java.time.Duration;

/**
 * Meta's error codes onto core's {@link ErrorClass}. The decision is made on the error
 * {@code code}, never on the HTTP status, which Meta does not keep consistent.
 */
public final class ErrorMapping {

    /** How long to wait after a per-user marketing cap (131049) when Meta names no time. */
    public static final Duration MARKETING_CAP_WAIT = Duration.ofHours(24);

    private ErrorMapping() {
    }

    /** The class of a Cloud API error code. */
    public static ErrorClass classify(int code) {
        switch (code) {
            case 130429: // throughput limit reached
            case 4:      // application request limit
            case 80007:  // WhatsApp Business Account rate limit
                return ErrorClass.RATE_LIMITED;
            case 131056: // pair rate limit
                return ErrorClass.PAIR_RATE_LIMITED;
            case 1:      // Graph "API Unknown": possibly temporary, Meta says wait and retry
            case 2:      // Graph "API Service": temporary downtime, Meta says wait and retry
            case 131000: // something went wrong
            case 131016: // service unavailable
            case 131057: // business account in maintenance mode
                return ErrorClass.RETRYABLE;
            case 131048: // spam rate limit
                return ErrorClass.QUALITY_PAUSE;
            case 131049: // per-user marketing cap
                return ErrorClass.MARKETING_CAP;
            case 131050: // user stopped marketing messages
                return ErrorClass.OPTED_OUT;
            case 131047: // re-engagement message: outside the 24-hour window
                return ErrorClass.OUTSIDE_SERVICE_WINDOW;
            case 100:    // invalid parameter
            case 190:    // access token expired or invalid
            case 368:    // temporarily blocked for policy violations
            case 131031: // account locked
            case 131042: // payment problem
                return ErrorClass.CONFIGURATION;
            default:     // 131026, 131051, 131053, 132000-132016 and anything unknown
                return ErrorClass.PERMANENT;
        }
    }

    /** The wait to use when the response names none. */
    public static Duration defaultRetryAfter(ErrorClass errorClass) {
        return errorClass == ErrorClass.MARKETING_CAP ? MARKETING_CAP_WAIT : null;
    }
}
