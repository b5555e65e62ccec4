package io.leadreach.lead;

import java.util.Optional;

/**
 * Who asked not to get WhatsApp messages, as {@link io.leadreach.LeadReach#consent()} gives it to
 * hosts: queries, and opt-outs or opt-ins the host records itself (a form, a call centre). Numbers
 * are E.164; the time recorded is the engine's clock's. The engine never sends to a number opted
 * out here, whatever its lead says.
 */
public interface OptOuts {

    /** Whether the number is opted out now. */
    boolean isOptedOut(String e164);

    /** The number's latest consent change, if there is one. */
    Optional<ConsentStore.Consent> find(String e164);

    /** Records that the number opted out, now, and from where ({@code source}, e.g. {@code crm-form}). */
    void optOut(String e164, String source);

    /** Records that the number opted in again, now, and from where. */
    void optIn(String e164, String source);
}
