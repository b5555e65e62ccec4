package io.leadreach.jpa;

import io.leadreach.lead.Lead;
import io.leadreach.memory.InMemoryLeadDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Generated leads with fictional numbers in the 555 exchange ({@code +1 201 555 0001},
 * {@code +1 202 555 0001}, ...: ten thousand per area code), the same in every JVM that asks, so a
 * child process and the test that checks it agree on who the leads are.
 */
final class FictionalLeads {

    static final Instant CREATED = Instant.parse("2026-01-05T10:00:00Z");

    private FictionalLeads() {
    }

    /** The fictional mobile number of lead {@code id} (1-based). */
    static String mobile(long id) {
        return String.format("+1%d555%04d", 201 + id / 10_000, id % 10_000);
    }

    /** Leads 1..count. */
    static List<Lead> leads(int count) {
        List<Lead> leads = new ArrayList<>(count);
        for (long id = 1; id <= count; id++) {
            leads.add(Lead.builder(id).name("Lead " + id).mobile(mobile(id)).status("new").source("web")
                    .createdAt(CREATED).build());
        }
        return leads;
    }

    /** An in-memory directory of leads 1..count. */
    static InMemoryLeadDirectory directory(int count) {
        return new InMemoryLeadDirectory().putAll(leads(count));
    }
}
