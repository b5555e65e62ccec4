package io.leadreach.whatsapp.simulator;

import io.leadreach.whatsapp.internal.GraphHttp;
import io.leadreach.whatsapp.internal.Json;
import io.leadreach.whatsapp.internal.Signatures;
import java.io.Closeable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.http.ContentType;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers the simulator's webhook events to a callback URL the way Meta does: batched (up to a
 * configured number of events per POST), as {@code whatsapp_business_account} JSON, signed with
 * {@code X-Hub-Signature-256}, and retried a few times when the callback fails.
 */
final class WebhookPoster implements Closeable {

    /** What an event is. */
    public enum Kind { STATUS, MESSAGE, PREFERENCE }

    private record Item(Kind kind, ObjectNode node, ObjectNode contact) {
    }

    private static final int MAX_ATTEMPTS = 4;

    private final URI callback;
    private final Signatures signatures;
    private final String wabaId;
    private final String phoneNumberId;
    private final String displayNumber;
    private final int batchSize;
    private final ScheduledExecutorService scheduler;
    private final GraphHttp http;
    private final ConcurrentLinkedQueue<Item> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong batchesPosted = new AtomicLong();
    private final AtomicLong eventsPosted = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private volatile String lastFailure;

    /** A poster flushing every {@code batchWindow} on the given scheduler. */
    public WebhookPoster(URI callback, String appSecret, String wabaId, String phoneNumberId, String displayNumber,
                         int batchSize, Duration batchWindow, ScheduledExecutorService scheduler) {
        this.callback = callback;
        this.signatures = new Signatures(appSecret);
        this.wabaId = wabaId;
        this.phoneNumberId = phoneNumberId;
        this.displayNumber = displayNumber;
        this.batchSize = batchSize;
        this.scheduler = scheduler;
        this.http = new GraphHttp(2_000, 10_000, 16, 64 * 1024, null, "whatsapp-simulator-webhooks");
        long window = Math.max(1, batchWindow.toMillis());
        scheduler.scheduleWithFixedDelay(this::flush, window, window, TimeUnit.MILLISECONDS);
    }

    /** Counts an event that will be enqueued later (so {@link #pending()} covers scheduled ones). */
    public void reserve() {
        pending.incrementAndGet();
    }

    /** Gives back a reservation that will not be used. */
    public void release() {
        pending.decrementAndGet();
    }

    /** Queues an event reserved earlier with {@link #reserve()}. */
    public void enqueueReserved(Kind kind, ObjectNode node, ObjectNode contact) {
        outbox.add(new Item(kind, node, contact));
    }

    /** Events scheduled, queued or in flight. */
    public int pending() {
        return pending.get();
    }

    /** POSTs made that the callback took. */
    public long batchesPosted() {
        return batchesPosted.get();
    }

    /** Events delivered. */
    public long eventsPosted() {
        return eventsPosted.get();
    }

    /** Failed POST attempts. */
    public long failures() {
        return failures.get();
    }

    /** Events given up on after the last attempt failed (or that could not be posted at all). */
    public long abandoned() {
        return abandoned.get();
    }

    /** What the last failed attempt got (an HTTP status or an exception), or null. */
    public String lastFailure() {
        return lastFailure;
    }

    private void flush() {
        try {
            while (!outbox.isEmpty()) {
                List<Item> batch = new ArrayList<>(Math.min(batchSize, 64));
                Item item;
                while (batch.size() < batchSize && (item = outbox.poll()) != null) {
                    batch.add(item);
                }
                if (batch.isEmpty()) {
                    return;
                }
                post(Json.MAPPER.writeValueAsBytes(payload(batch)), batch.size(), 1);
            }
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            lastFailure = e.toString();
        }
    }

    private void post(byte[] body, int events, int attempt) {
        http.post(callback, body, ContentType.APPLICATION_JSON, "X-Hub-Signature-256", signatures.header(body))
                .thenAccept(result -> {
                    boolean ok = result instanceof GraphHttp.Response
                            && ((GraphHttp.Response) result).status() / 100 == 2;
                    if (ok) {
                        batchesPosted.incrementAndGet();
                        eventsPosted.addAndGet(events);
                        pending.addAndGet(-events);
                        return;
                    }
                    failures.incrementAndGet();
                    lastFailure = result instanceof GraphHttp.Response response ? "HTTP " + response.status()
                            : String.valueOf(((GraphHttp.Failure) result).cause());
                    if (attempt >= MAX_ATTEMPTS || scheduler.isShutdown()) {
                        abandon(events);
                        return;
                    }
                    try {
                        scheduler.schedule(() -> post(body, events, attempt + 1), 100L << attempt, TimeUnit.MILLISECONDS);
                    } catch (RuntimeException rejected) {
                        abandon(events);
                    }
                });
    }

    private void abandon(int events) {
        abandoned.addAndGet(events);
        pending.addAndGet(-events);
    }

    private ObjectNode payload(List<Item> batch) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject();
        entry.put("id", wabaId);
        ArrayNode changes = entry.putArray("changes");
        ObjectNode statusValue = null;
        ObjectNode messageValue = null;
        ObjectNode preferenceValue = null;
        for (Item item : batch) {
            switch (item.kind()) {
                case STATUS:
                    if (statusValue == null) {
                        statusValue = value(changes, "messages");
                    }
                    statusValue.withArrayProperty("statuses").add(item.node());
                    break;
                case MESSAGE:
                    if (messageValue == null) {
                        messageValue = value(changes, "messages");
                    }
                    addContact(messageValue, item.contact());
                    messageValue.withArrayProperty("messages").add(item.node());
                    break;
                default:
                    if (preferenceValue == null) {
                        preferenceValue = value(changes, "user_preferences");
                    }
                    addContact(preferenceValue, item.contact());
                    preferenceValue.withArrayProperty("user_preferences").add(item.node());
            }
        }
        return root;
    }

    private static void addContact(ObjectNode value, ObjectNode contact) {
        if (contact == null) {
            return;
        }
        ArrayNode contacts = value.withArrayProperty("contacts");
        for (var existing : contacts) {
            if (existing.path("wa_id").equals(contact.path("wa_id"))) {
                return;
            }
        }
        contacts.add(contact);
    }

    private ObjectNode value(ArrayNode changes, String field) {
        ObjectNode change = changes.addObject();
        ObjectNode value = change.putObject("value");
        value.put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", displayNumber).put("phone_number_id", phoneNumberId);
        change.put("field", field);
        return value;
    }

    @Override
    public void close() {
        http.close();
    }
}
