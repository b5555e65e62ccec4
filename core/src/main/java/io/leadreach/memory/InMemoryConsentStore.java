package io.leadreach.memory;

import io.leadreach.lead.ConsentStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ConsentStore} in memory; the latest change by timestamp wins. */
public final class InMemoryConsentStore implements ConsentStore {

    private final Map<String, Consent> consents = new ConcurrentHashMap<>();

    @Override
    public void optOut(String e164, String source, Instant at) {
        record(new Consent(e164, true, source, at));
    }

    @Override
    public void optIn(String e164, String source, Instant at) {
        record(new Consent(e164, false, source, at));
    }

    private void record(Consent change) {
        consents.merge(change.mobile(), change,
                (old, neu) -> neu.changedAt().isBefore(old.changedAt()) ? old : neu);
    }

    @Override
    public Optional<Consent> find(String e164) {
        return Optional.ofNullable(consents.get(e164));
    }
}
