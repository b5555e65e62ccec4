package io.leadreach.whatsapp.simulator;

import io.leadreach.whatsapp.internal.GraphHttp;
import io.leadreach.whatsapp.internal.Json;
import io.leadreach.whatsapp.internal.Signatures;
import java.io.Closeable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * {@code X-Hub-Signature-256}, and retried a few times when the callback fails. Each POST holds
 * the events of one app (the numbers sharing an app secret): an entry per WABA, and in it a change
 * per number and field, whose {@code metadata} names the number; it is signed with that app's secret.
 */
final class WebhookPoster implements Closeable {

    /** What an event is. */
    public enum Kind { STATUS, MESSAGE, PREFERENCE }

    private record Item(Kind kind, SimNumber number, ObjectNode node, ObjectNode contact) {
    }

    private static final int MAX_ATTEMPTS = 4;

    private final URI callback;
    /** A signer per app secret, made at its first POST. */
    private final Map<String, Signatures> signatures = new ConcurrentHashMap<>();
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
    public WebhookPoster(URI callback, int batchSize, Duration batchWindow, ScheduledExecutorService scheduler) {
        this.callback = callback;
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

    /** Queues an event of a number, reserved earlier with {@link #reserve()}. */
    public void enqueueReserved(Kind kind, SimNumber number, ObjectNode node, ObjectNode contact) {
        outbox.add(new Item(kind, number, node, contact));
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
                Map<String, List<Item>> byApp = new LinkedHashMap<>();
                for (Item i : batch) {
                    byApp.computeIfAbsent(i.number().appSecret(), k -> new ArrayList<>()).add(i);
                }
                byApp.forEach((secret, items) -> post(signatures.computeIfAbsent(secret, Signatures::new),
                        Json.MAPPER.writeValueAsBytes(payload(items)), items.size(), 1));
            }
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            lastFailure = e.toString();
        }
    }

    private void post(Signatures signer, byte[] body, int events, int attempt) {
        http.post(callback, body, ContentType.APPLICATION_JSON, "X-Hub-Signature-256", signer.header(body))
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
                        scheduler.schedule(() -> post(signer, body, events, attempt + 1), 100L << attempt, TimeUnit.MILLISECONDS);
                    } catch (RuntimeException rejected) {
                        abandon(events);
                    }
                });
    }

    private void abandon(int events) {
        abandoned.addAndGet(events);
        pending.addAndGet(-events);
    }

    /** The body of one app's events: an entry per WABA, a change per number and field (statuses apart from messages). */
    private static ObjectNode payload(List<Item> batch) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("object", "whatsapp_business_account");
        ArrayNode entries = root.putArray("entry");
        Map<String, ArrayNode> changesByWaba = new LinkedHashMap<>();
        Map<String, ObjectNode> values = new HashMap<>();
        for (Item item : batch) {
            SimNumber number = item.number();
            ArrayNode changes = changesByWaba.computeIfAbsent(number.wabaId(), waba -> {
                ObjectNode entry = entries.addObject();
                entry.put("id", waba);
                return entry.putArray("changes");
            });
            ObjectNode value = values.computeIfAbsent(number.id() + "/" + item.kind(), k -> value(changes, number,
                    item.kind() == Kind.PREFERENCE ? "user_preferences" : "messages"));
            switch (item.kind()) {
                case STATUS:
                    value.withArrayProperty("statuses").add(item.node());
                    break;
                case MESSAGE:
                    addContact(value, item.contact());
                    value.withArrayProperty("messages").add(item.node());
                    break;
                default:
                    addContact(value, item.contact());
                    value.withArrayProperty("user_preferences").add(item.node());
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

    private static ObjectNode value(ArrayNode changes, SimNumber number, String field) {
        ObjectNode change = changes.addObject();
        ObjectNode value = change.putObject("value");
        value.put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", number.displayNumber())
                .put("phone_number_id", number.id());
        change.put("field", field);
        return value;
    }

    @Override
    public void close() {
        http.close();
    }
}
