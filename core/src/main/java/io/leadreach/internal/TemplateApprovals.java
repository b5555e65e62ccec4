package io.leadreach.internal;

import io.leadreach.sending.SenderNumber;
import io.leadreach.template.WhatsAppTemplateBinding;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether a campaign's approved template may go from a number, by the status its library
 * template's binding has now in that number's WhatsApp Business Account
 * ({@link WhatsAppTemplateBinding#usableIn(String)}). A campaign keeps the binding it was made with;
 * the statuses Meta reports afterwards (per WABA) are read from the template store once a batch,
 * and each WABA's answer is worked out once. Not thread-safe: one batch, one thread.
 */
public final class TemplateApprovals {

    /** Every number may send the template (no binding, or no stored status to go by). */
    public static final TemplateApprovals ANY = new TemplateApprovals(null);

    private final WhatsAppTemplateBinding current;
    private final Map<String, Boolean> byWaba = new HashMap<>();

    private TemplateApprovals(WhatsAppTemplateBinding current) {
        this.current = current;
    }

    /**
     * The approvals of {@code sent} (the binding a campaign sends, null: none) by {@code stored}
     * (its library template's binding as stored now, null: gone). A stored binding that no longer
     * names the provider template sent says nothing about it: every number may send it.
     */
    public static TemplateApprovals of(WhatsAppTemplateBinding sent, WhatsAppTemplateBinding stored) {
        if (sent == null || stored == null || !stored.binds(sent.name(), sent.language())) {
            return ANY;
        }
        return new TemplateApprovals(stored);
    }

    /** Whether the template may go from this number: its WABA's status (a number of an unknown WABA: the newest). */
    public boolean approvedFrom(SenderNumber from) {
        if (current == null) {
            return true;
        }
        return byWaba.computeIfAbsent(from.wabaId(), current::usableIn);
    }
}
