package io.leadreach.whatsapp.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the simulator saw and issued: the messages it accepted (and their counts per correlation
 * id), the requests it refused by error code, the files uploaded, and the ids it hands out.
 * Thread-safe.
 */
final class Traffic {

    private final boolean recordMessages;
    private final String wamidPrefix;
    private final AtomicLong wamidCounter = new AtomicLong();
    private final AtomicLong mediaCounter = new AtomicLong();
    private final ConcurrentLinkedQueue<SentMessage> sent = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, AtomicInteger> sentByCorrelation = new ConcurrentHashMap<>();
    private final LongAdder acceptedCount = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> acceptedByNumber = new ConcurrentHashMap<>();
    private final LongAdder requestCount = new LongAdder();
    private final ConcurrentHashMap<Integer, LongAdder> rejectedByCode = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, UploadedMedia> media = new ConcurrentHashMap<>();

    /** Draws the wamid prefix from {@code random} (the first draw of the seeded choices). */
    Traffic(boolean recordMessages, Random random) {
        this.recordMessages = recordMessages;
        // The seeded part keeps the seeded choices that follow as they were; the instance part, drawn
        // from a secure random source, makes each start's wamids new, so a restarted simulator never
        // hands out an id a message log kept from an earlier run.
        this.wamidPrefix = "wamid.HBgL" + Long.toHexString(random.nextLong() & 0xffffffffL).toUpperCase(Locale.ROOT)
                + Long.toHexString(UUID.randomUUID().getLeastSignificantBits()).toUpperCase(Locale.ROOT);
    }

    boolean recordsMessages() {
        return recordMessages;
    }

    String nextWamid() {
        long n = wamidCounter.incrementAndGet();
        return wamidPrefix + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
    }

    String nextMediaId() {
        return String.valueOf(900_000_000_000_000L + mediaCounter.incrementAndGet());
    }

    void requested() {
        requestCount.increment();
    }

    void accepted(SentMessage message) {
        acceptedCount.increment();
        acceptedByNumber.computeIfAbsent(message.phoneNumberId(), k -> new LongAdder()).increment();
        if (message.correlationId() != null) {
            sentByCorrelation.computeIfAbsent(message.correlationId(), k -> new AtomicInteger()).incrementAndGet();
        }
        if (recordMessages) {
            sent.add(message);
        }
    }

    void rejected(int code) {
        rejectedByCode.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    void uploaded(UploadedMedia file) {
        media.put(file.id(), file);
    }

    UploadedMedia upload(String id) {
        return media.get(id);
    }

    List<SentMessage> sentMessages() {
        return List.copyOf(sent);
    }

    List<SentMessage> sentFor(String correlationId) {
        List<SentMessage> out = new ArrayList<>();
        for (SentMessage m : sent) {
            if (correlationId.equals(m.correlationId())) {
                out.add(m);
            }
        }
        return out;
    }

    long sentCount() {
        return acceptedCount.sum();
    }

    long sentCountFrom(String phoneNumberId) {
        LongAdder n = acceptedByNumber.get(phoneNumberId);
        return n == null ? 0 : n.sum();
    }

    int sentCount(String correlationId) {
        AtomicInteger n = sentByCorrelation.get(correlationId);
        return n == null ? 0 : n.get();
    }

    Map<String, Integer> sentCountsByCorrelationId() {
        Map<String, Integer> out = new HashMap<>();
        sentByCorrelation.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    long rejectedCount(int errorCode) {
        LongAdder n = rejectedByCode.get(errorCode);
        return n == null ? 0 : n.sum();
    }

    Map<Integer, Long> rejectedCounts() {
        Map<Integer, Long> out = new HashMap<>();
        rejectedByCode.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long requestCount() {
        return requestCount.sum();
    }

    List<UploadedMedia> uploadedMedia() {
        return List.copyOf(media.values());
    }

    /** Forgets recorded messages, counts and rejections (not uploads). */
    void clear() {
        sent.clear();
        sentByCorrelation.clear();
        acceptedCount.reset();
        acceptedByNumber.clear();
        rejectedByCode.clear();
        requestCount.reset();
    }
}
