package io.leadreach.whatsapp.simulator;

import java.time.Duration;
import java.util.Random;

/** Faults to inject into {@code /messages} requests; thread-safe, changeable while running. */
public final class Faults {
    private final Random random;
    private int failCount;
    private int failCode;
    private double failShare;
    private int failShareCode;
    private int httpCount;
    private int httpStatus;
    private int resetCount;
    private int delayCount;
    private Duration delay = Duration.ZERO;
    private Duration delayAll = Duration.ZERO;
    private Duration retryAfter;

    Faults(Random random) {
        this.random = random;
    }

    /** The next {@code count} requests fail with this Cloud API error code. */
    public synchronized Faults failNext(int count, int errorCode) {
        this.failCount = count;
        this.failCode = errorCode;
        return this;
    }

    /** A share (0..1) of requests fails with this error code, until cleared. */
    public synchronized Faults failShare(double share, int errorCode) {
        this.failShare = share;
        this.failShareCode = errorCode;
        return this;
    }

    /** Injected errors carry this {@code Retry-After} (null for none). */
    public synchronized Faults retryAfter(Duration retryAfter) {
        this.retryAfter = retryAfter;
        return this;
    }

    /** The next {@code count} requests get this HTTP status with an HTML page, as a failing proxy sends. */
    public synchronized Faults httpErrorNext(int count, int status) {
        this.httpCount = count;
        this.httpStatus = status;
        return this;
    }

    /** The next {@code count} requests are read, then the connection is dropped without an answer. */
    public synchronized Faults resetNext(int count) {
        this.resetCount = count;
        return this;
    }

    /** The next {@code count} requests are answered after this delay. */
    public synchronized Faults delayNext(int count, Duration delay) {
        this.delayCount = count;
        this.delay = delay;
        return this;
    }

    /** Every request is answered after this delay, until cleared. */
    public synchronized Faults delayAll(Duration delay) {
        this.delayAll = delay;
        return this;
    }

    /** Removes every fault. */
    public synchronized void clear() {
        failCount = 0;
        failShare = 0;
        httpCount = 0;
        resetCount = 0;
        delayCount = 0;
        delayAll = Duration.ZERO;
        retryAfter = null;
    }

    synchronized Fault next() {
        Duration wait = delayAll;
        if (delayCount > 0) {
            delayCount--;
            wait = delay;
        }
        if (resetCount > 0) {
            resetCount--;
            return new Fault(wait, Fault.Kind.RESET, 0, null);
        }
        if (httpCount > 0) {
            httpCount--;
            return new Fault(wait, Fault.Kind.HTTP, httpStatus, null);
        }
        if (failCount > 0) {
            failCount--;
            return new Fault(wait, Fault.Kind.CODE, failCode, retryAfter);
        }
        if (failShare > 0 && random.nextDouble() < failShare) {
            return new Fault(wait, Fault.Kind.CODE, failShareCode, retryAfter);
        }
        return wait.isZero() ? null : new Fault(wait, Fault.Kind.NONE, 0, null);
    }
}
