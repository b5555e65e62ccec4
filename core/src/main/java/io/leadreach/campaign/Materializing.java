package io.leadreach.campaign;

import io.leadreach.internal.Wiring;
import io.leadreach.lead.Lead;
import io.leadreach.lead.TargetCriteria;
import java.time.Instant;
import java.util.List;

/** Adds a campaign's recipients from its target, a page of the lead directory at a time. */
final class Materializing {

    /** Leads added per materialisation step. */
    static final int MATERIALIZE_PAGE = 1_000;

    private final Wiring engine;

    Materializing(Wiring engine) {
        this.engine = engine;
    }

    /** Adds the next page of the target's leads as recipients and records how far the campaign got. */
    void step(Campaign c) {
        Instant now = engine.clock().instant();
        TargetCriteria t = c.target();
        List<Long> ids;
        if (t.isLeadIdsOnly()) {
            ids = t.leadIds().stream().filter(id -> id > c.materializedUpTo()).sorted().limit(MATERIALIZE_PAGE)
                    .toList();
        } else {
            ids = engine.leads().page(t, c.materializedUpTo(), MATERIALIZE_PAGE).stream().map(Lead::id).toList();
        }
        if (engine.campaigns().addRecipients(c.id(), ids, now) > 0) {
            Cancellation.cancelOpenIfCancelled(engine, c.id());
        }
        long upTo = ids.isEmpty() ? c.materializedUpTo() : ids.get(ids.size() - 1);
        engine.campaigns().recordMaterialized(c.id(), upTo, ids.size() < MATERIALIZE_PAGE);
    }
}
