package io.leadreach.template;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Binds a library template to a provider-approved WhatsApp template, so it can be sent outside
 * the 24-hour service window.
 *
 * @param name       the approved template's name at the provider
 * @param language   its language code, such as {@code en_US}
 * @param parameters the library variables that fill the approved template's body parameters, in
 *                   order (e.g. {@code [name, product_interest]} for {@code {{1}}} and {@code {{2}}})
 * @param status     the provider's review status as its webhooks last reported it ({@code APPROVED},
 *                   {@code REJECTED}, {@code PAUSED}, {@code DISABLED}, ...), upper case; null while
 *                   none was reported (the binding is then assumed approved)
 * @param statusAt   when the provider reported that status (null with it)
 */
public record WhatsAppTemplateBinding(String name, String language, List<String> parameters, String status,
                                      Instant statusAt) {

    /** The status of a template the provider approved (a {@code REINSTATED} report reads as this). */
    public static final String APPROVED = "APPROVED";

    public WhatsAppTemplateBinding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        status = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if ("REINSTATED".equals(status)) {
            status = APPROVED;
        }
    }

    /** A binding whose provider status was not reported yet. */
    public WhatsAppTemplateBinding(String name, String language, List<String> parameters) {
        this(name, language, parameters, null, null);
    }

    /**
     * Whether the approved template may be sent: its status is APPROVED, or none was reported.
     * Campaigns made from a template whose binding is not usable carry no binding, so leads outside
     * the 24-hour window are skipped instead of sent a template the provider would refuse.
     */
    public boolean usable() {
        return status == null || APPROVED.equals(status);
    }

    /** This binding with the provider's status. */
    public WhatsAppTemplateBinding withStatus(String newStatus, Instant at) {
        return new WhatsAppTemplateBinding(name, language, parameters, newStatus, at);
    }

    /** Whether it binds the provider template with this name and language (null: any language). */
    public boolean binds(String providerName, String providerLanguage) {
        return name.equals(providerName) && (providerLanguage == null || language.equalsIgnoreCase(providerLanguage));
    }
}
