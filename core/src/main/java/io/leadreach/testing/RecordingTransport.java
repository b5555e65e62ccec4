package io.leadreach.testing;

import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import io.leadreach.transport.WhatsAppTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A scriptable fake transport for host test suites: it records every message handed to it and
 * answers with scripted outcomes (by default, accepted with a fresh id), optionally after a delay.
 *
 * <pre>{@code
 * RecordingTransport transport = new RecordingTransport()
 *     .answerFor("+15550100002", SendOutcome.Rejected.of(ErrorClass.PERMANENT, "131026", "undeliverable"))
 *     .failNext(2, SendOutcome.Rejected.of(ErrorClass.RETRYABLE, "131000", "try again"));
 * }</pre>
 *
 * <p>Thread-safe. Scripts are consulted in this order: the one-off queue ({@link #failNext}), the
 * per-number answers ({@link #answerFor}), then the general answer function ({@link #answerWith}).
 */
public final class RecordingTransport implements WhatsAppTransport {

    /** One recorded send, with the outcome it got. */
    public record Sent(OutboundMessage message, SendOutcome outcome) {
    }

    private final AtomicLong ids = new AtomicLong();
    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, SendOutcome> byNumber = new ConcurrentHashMap<>();
    private final java.util.Deque<SendOutcome> oneOff = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile Function<OutboundMessage, SendOutcome> answer = m -> accepted();
    private volatile Duration latency = Duration.ZERO;
    private final String senderId;

    public RecordingTransport() {
        this("recording");
    }

    public RecordingTransport(String senderId) {
        this.senderId = Objects.requireNonNull(senderId, "senderId");
    }

    /** A fresh accepted outcome with a wamid-like id. */
    public SendOutcome accepted() {
        return new SendOutcome.Accepted("wamid.TEST" + ids.incrementAndGet(), "{}");
    }

    /** Answers every send with the function's outcome (unless a more specific script applies). */
    public RecordingTransport answerWith(Function<OutboundMessage, SendOutcome> answerFunction) {
        this.answer = Objects.requireNonNull(answerFunction, "answerFunction");
        return this;
    }

    /** Answers every send to this number with the outcome. */
    public RecordingTransport answerFor(String e164, SendOutcome outcome) {
        byNumber.put(e164, outcome);
        return this;
    }

    /** Answers the next {@code times} sends with the outcome, then goes back to the other scripts. */
    public RecordingTransport failNext(int times, SendOutcome outcome) {
        for (int i = 0; i < times; i++) {
            oneOff.add(outcome);
        }
        return this;
    }

    /** Completes every send only after this delay (on another thread). */
    public RecordingTransport latency(Duration delay) {
        this.latency = Objects.requireNonNull(delay, "delay");
        return this;
    }

    @Override
    public CompletionStage<SendOutcome> send(OutboundMessage message) {
        SendOutcome outcome = oneOff.poll();
        if (outcome == null) {
            outcome = byNumber.get(message.to());
        }
        if (outcome == null) {
            outcome = answer.apply(message);
        }
        sent.add(new Sent(message, outcome));
        Duration delay = latency;
        if (delay.isZero()) {
            return CompletableFuture.completedFuture(outcome);
        }
        Executor later = CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS);
        SendOutcome result = outcome;
        return CompletableFuture.supplyAsync(() -> result, later);
    }

    @Override
    public String senderId() {
        return senderId;
    }

    /** Every send so far, in order. */
    public List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** Every message so far, in order. */
    public List<OutboundMessage> messages() {
        return sent().stream().map(Sent::message).toList();
    }

    /** The messages sent to this number. */
    public List<OutboundMessage> messagesTo(String e164) {
        return messages().stream().filter(m -> m.to().equals(e164)).toList();
    }

    /** How many sends were made. */
    public int count() {
        return sent.size();
    }

    /** Forgets what was recorded (scripts stay). */
    public void clear() {
        sent.clear();
    }
}
