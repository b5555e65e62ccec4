package io.leadreach.whatsapp.simulator;

import java.time.Duration;

/** The fault {@link Faults} picked for one {@code /messages} request: a delay, then what goes wrong. */
record Fault(Duration delay, Kind kind, int value, Duration retryAfter) {

    /** Only a delay; a dropped connection; an HTTP status with an HTML page; a Cloud API error code. */
    enum Kind { NONE, RESET, HTTP, CODE }
}
