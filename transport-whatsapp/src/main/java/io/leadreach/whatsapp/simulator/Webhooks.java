package io.leadreach.whatsapp.simulator;

import io.leadreach.template.ProviderTemplate;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The webhooks the simulator posts, when a URL is set: the statuses of each accepted message (sent,
 * delivered, read after their delays, a configured share failed), scripted replies, inbound
 * messages and opt-out preferences, each of the business number it concerns. Events are counted as
 * pending from when they are scheduled until the poster delivered or gave them up, so
 * {@link #await} sees every one. Thread-safe.
 */
final class Webhooks {

    private final Clock clock;
    private final Random random;
    private final Traffic traffic;
    private final Duration sentDelay;
    private final Duration deliveredDelay;
    private final Duration readDelay;
    private final double failedShare;
    private final int failedCode;
    private final double readShare;
    private final Function<SentMessage, ScriptedReply> inboundScript;
    private final ScheduledThreadPoolExecutor scheduler;
    /** Null without a webhook URL: then nothing is posted. */
    private final WebhookPoster poster;

    /** {@code random} picks the failed and read messages (the simulator's seeded choices). */
    Webhooks(SimulatorBuilder b, Random random, Traffic traffic) {
        this.clock = b.clock;
        this.random = random;
        this.traffic = traffic;
        this.sentDelay = b.sentDelay;
        this.deliveredDelay = b.deliveredDelay;
        this.readDelay = b.readDelay;
        this.failedShare = b.failedShare;
        this.failedCode = b.failedCode;
        this.readShare = b.readShare;
        this.inboundScript = b.inboundScript;
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemon("whatsapp-simulator-timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.poster = b.webhookUrl == null ? null : new WebhookPoster(b.webhookUrl, b.webhookBatchSize,
                b.webhookBatchWindow, scheduler);
    }

    /** Schedules the statuses (and a scripted reply) of a message {@code from} a number just accepted. */
    void accepted(SimNumber from, SentMessage message, ProviderTemplate template, boolean freeForm) {
        if (poster == null) {
            return;
        }
        String category = freeForm ? "service"
                : template != null && template.category() != null ? template.category().toLowerCase(Locale.ROOT)
                : "marketing";
        boolean fails = failedShare > 0 && random.nextDouble() < failedShare;
        boolean read = !fails && readShare > 0 && random.nextDouble() < readShare;
        later(sentDelay, () -> status(from, message, "sent", category, 0));
        if (fails) {
            later(deliveredDelay, () -> status(from, message, "failed", category, failedCode));
        } else {
            later(deliveredDelay, () -> status(from, message, "delivered", category, 0));
            if (read) {
                later(readDelay, () -> status(from, message, "read", category, 0));
            }
        }
        if (inboundScript != null) {
            ScriptedReply reply = inboundScript.apply(message);
            if (reply != null) {
                later(reply.delay(), () -> inbound(from, message.to(), reply.text(), reply.buttonPayload(),
                        message.wamid(), true));
            }
        }
    }

    /**
     * A user wrote to a business number (a text, or a button tap with its payload): opens their
     * window with that number and posts the message. {@code reserved}: its pending count was taken
     * when it was scheduled.
     *
     * @return the inbound message's wamid
     */
    String inbound(SimNumber to, String from, String text, String payload, String contextWamid, boolean reserved) {
        String number = Numbers.digits(from);
        to.rules().wrote(number);
        String wamid = traffic.nextWamid();
        if (poster == null) {
            return wamid;
        }
        if (!reserved) {
            poster.reserve();
        }
        poster.enqueueReserved(WebhookPoster.Kind.MESSAGE, to, SimulatorEvents.inbound(number, wamid, clock.instant(),
                text, payload, contextWamid, to.displayNumber()), SimulatorEvents.contact(number));
        return wamid;
    }

    /** A user's marketing preference changed ({@code stop} or {@code resume}), posted as of number {@code via}. */
    void preference(SimNumber via, String number, String value) {
        if (poster == null) {
            return;
        }
        String digits = Numbers.digits(number);
        poster.reserve();
        poster.enqueueReserved(WebhookPoster.Kind.PREFERENCE, via, SimulatorEvents.preference(digits, value,
                clock.instant()), SimulatorEvents.contact(digits));
    }

    private void later(Duration delay, Runnable enqueue) {
        poster.reserve();
        try {
            scheduler.schedule(enqueue, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException stopped) {
            poster.release();
        }
    }

    private void status(SimNumber from, SentMessage message, String status, String category, int errorCode) {
        poster.enqueueReserved(WebhookPoster.Kind.STATUS, from, SimulatorEvents.status(message.wamid(), status,
                clock.instant(), Numbers.digits(message.to()), message.correlationId(), category, errorCode), null);
    }

    long eventsPosted() {
        return poster == null ? 0 : poster.eventsPosted();
    }

    long failures() {
        return poster == null ? 0 : poster.failures();
    }

    long abandoned() {
        return poster == null ? 0 : poster.abandoned();
    }

    String lastFailure() {
        return poster == null ? null : poster.lastFailure();
    }

    /** Waits until every scheduled event was delivered (or given up); whether that happened in time. */
    boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (poster != null && poster.pending() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    void close() {
        scheduler.shutdownNow();
        if (poster != null) {
            poster.close();
        }
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
