package io.leadreach.memory;

import io.leadreach.DuplicateKeyException;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageFilter;
import io.leadreach.message.MessageStatus;
import io.leadreach.message.MessageStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** A {@link MessageStore} in memory. */
public final class InMemoryMessageStore implements MessageStore {

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, LeadMessage> byId = new ConcurrentHashMap<>();
    private final Map<String, Long> byProviderId = new ConcurrentHashMap<>();
    private final Map<String, Long> byCorrelationId = new ConcurrentHashMap<>();

    /** {@inheritDoc} Correlation and provider ids are unique ({@link DuplicateKeyException}). */
    @Override
    public synchronized LeadMessage save(LeadMessage message) {
        checkUnique(message);
        return store(message);
    }

    /** {@inheritDoc} All or none: when one clashes (with a held message or another of them), none is stored. */
    @Override
    public synchronized void insertAll(List<LeadMessage> messages) {
        Set<String> correlationIds = new HashSet<>();
        Set<String> providerIds = new HashSet<>();
        for (LeadMessage m : messages) {
            if (m.id() != 0) {
                throw new IllegalArgumentException("a new message has id 0, got " + m.id());
            }
            checkUnique(m);
            if ((m.correlationId() != null && !correlationIds.add(m.correlationId()))
                    || (m.providerMessageId() != null && !providerIds.add(m.providerMessageId()))) {
                throw new DuplicateKeyException("correlation id or provider message id", "two of the " + messages.size()
                        + " messages have the correlation id '" + m.correlationId() + "' or provider message id '"
                        + m.providerMessageId() + "'", null);
            }
        }
        for (LeadMessage m : messages) {
            store(m);
        }
    }

    private LeadMessage store(LeadMessage message) {
        LeadMessage stored = message.id() == 0 ? message.withId(ids.incrementAndGet()) : message;
        byId.put(stored.id(), stored);
        index(stored);
        return stored;
    }

    private void checkUnique(LeadMessage m) {
        refuseHeld("correlation id", m.correlationId(), byCorrelationId, m.id());
        refuseHeld("provider message id", m.providerMessageId(), byProviderId, m.id());
    }

    private static void refuseHeld(String key, String value, Map<String, Long> index, long id) {
        Long holder = value == null ? null : index.get(value);
        if (holder != null && holder != id) {
            throw new DuplicateKeyException(key, "message " + holder + " has the " + key + " '" + value + "'", null);
        }
    }

    private void index(LeadMessage m) {
        if (m.providerMessageId() != null) {
            byProviderId.put(m.providerMessageId(), m.id());
        }
        if (m.correlationId() != null) {
            byCorrelationId.put(m.correlationId(), m.id());
        }
    }

    @Override
    public Optional<LeadMessage> findById(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<LeadMessage> findByProviderMessageId(String providerMessageId) {
        Long id = byProviderId.get(providerMessageId);
        return id == null ? Optional.empty() : findById(id);
    }

    @Override
    public Optional<LeadMessage> findByCorrelationId(String correlationId) {
        Long id = byCorrelationId.get(correlationId);
        return id == null ? Optional.empty() : findById(id);
    }

    @Override
    public List<LeadMessage> findByLead(long leadId, int limit) {
        List<LeadMessage> out = new ArrayList<>();
        for (LeadMessage m : byId.values()) {
            if (m.leadId() == leadId) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparingLong(LeadMessage::id).reversed());
        return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
    }

    @Override
    public List<LeadMessage> page(MessageFilter filter, long afterId, int limit) {
        List<LeadMessage> out = new ArrayList<>();
        for (LeadMessage m : byId.values()) {
            if (m.id() > afterId && filter.matches(m)) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparingLong(LeadMessage::id));
        return out.size() > limit ? new ArrayList<>(out.subList(0, Math.max(0, limit))) : out;
    }

    @Override
    public List<LeadMessage> pageBefore(MessageFilter filter, long beforeId, int limit) {
        List<LeadMessage> out = new ArrayList<>();
        for (LeadMessage m : byId.values()) {
            if (m.id() < beforeId && filter.matches(m)) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparingLong(LeadMessage::id).reversed());
        return out.size() > limit ? new ArrayList<>(out.subList(0, Math.max(0, limit))) : out;
    }

    @Override
    public boolean advance(String providerMessageId, MessageStatus status, Instant at, String errorCode,
                           String errorMessage) {
        Long id = byProviderId.get(providerMessageId);
        if (id == null) {
            return false;
        }
        boolean[] changed = new boolean[1];
        byId.computeIfPresent(id, (k, m) -> {
            LeadMessage next = m.advance(status, at, errorCode, errorMessage);
            changed[0] = next != m;
            return next;
        });
        return changed[0];
    }

    @Override
    public boolean resolve(String correlationId, String providerMessageId, MessageStatus status, Instant at,
                           String errorCode, String errorMessage) {
        Long id = byCorrelationId.get(correlationId);
        if (id == null) {
            return false;
        }
        boolean[] changed = new boolean[1];
        LeadMessage result = byId.computeIfPresent(id, (k, m) -> {
            if (m.providerMessageId() != null) {
                return m;
            }
            LeadMessage withId = m.toBuilder().providerMessageId(providerMessageId).errorCode(null).errorMessage(null)
                    .build();
            changed[0] = true;
            return withId.advance(status, at, errorCode, errorMessage);
        });
        if (changed[0] && result != null) {
            byProviderId.put(providerMessageId, result.id());
        }
        return changed[0];
    }

    @Override
    public synchronized boolean releaseProviderId(String providerMessageId, String newOwnerCorrelationId) {
        Long id = byProviderId.get(providerMessageId);
        LeadMessage holder = id == null ? null : byId.get(id);
        if (holder == null || java.util.Objects.equals(holder.correlationId(), newOwnerCorrelationId)) {
            return false;
        }
        byProviderId.remove(providerMessageId, id);
        byId.computeIfPresent(id, (k, m) -> providerMessageId.equals(m.providerMessageId())
                ? m.withProviderMessageId(null) : m);
        return true;
    }

    @Override
    public List<LastMessage> latestSentBefore(Instant before, String excludeSentBy, long afterLeadId, int limit) {
        java.util.TreeMap<Long, LeadMessage> latest = new java.util.TreeMap<>();
        for (LeadMessage m : byId.values()) {
            if (m.leadId() > afterLeadId && m.status().isSent()
                    && (excludeSentBy == null || !excludeSentBy.equals(m.sentBy()))) {
                latest.merge(m.leadId(), m, (a, b) -> LATEST.compare(a, b) >= 0 ? a : b);
            }
        }
        List<LastMessage> out = new ArrayList<>();
        for (LeadMessage m : latest.values()) {
            if (m.createdAt().isBefore(before)) {
                out.add(new LastMessage(m.leadId(), m.mobile(), m.id(), m.createdAt()));
                if (out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    private static final Comparator<LeadMessage> LATEST =
            Comparator.comparing(LeadMessage::createdAt).thenComparingLong(LeadMessage::id);

    @Override
    public long countCreatedBetween(Instant from, Instant to) {
        return byId.values().stream()
                .filter(m -> !m.createdAt().isBefore(from) && m.createdAt().isBefore(to))
                .count();
    }

    /**
     * Every message held, in no particular order: a weakly consistent view for in-memory
     * adapters such as {@link InMemoryAnalyticsStore} (not for services, which use store queries).
     */
    public Stream<LeadMessage> stream() {
        return byId.values().stream();
    }

    /** How many messages are held. */
    public int size() {
        return byId.size();
    }
}
