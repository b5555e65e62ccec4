package io.leadreach.template;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Binds a library template to a provider-approved WhatsApp template, so it can be sent outside
 * the 24-hour service window.
 *
 * <p>Meta approves a template per WhatsApp Business Account (WABA), and its template status
 * webhooks name the WABA. A binding keeps the status each WABA last reported
 * ({@link #wabaStatuses}) beside the one reported without a WABA ({@link #status}); a number is
 * sent the template by {@link #usableIn(String) its WABA's} status.
 *
 * @param name         the approved template's name at the provider
 * @param language     its language code, such as {@code en_US}
 * @param parameters   the library variables that fill the approved template's body parameters, in
 *                     order (e.g. {@code [name, product_interest]} for {@code {{1}}} and {@code {{2}}})
 * @param status       the provider's review status as a report that named no WABA last gave it
 *                     ({@code APPROVED}, {@code REJECTED}, {@code PAUSED}, {@code DISABLED}, ...), upper
 *                     case; null while none was reported (the binding is then assumed approved)
 * @param statusAt     when the provider reported that status (null with it)
 * @param wabaStatuses the status each WABA last reported, by WABA id (empty while none named one);
 *                     normalised like {@code status}
 */
public record WhatsAppTemplateBinding(String name, String language, List<String> parameters, String status,
                                      Instant statusAt, Map<String, ProviderStatus> wabaStatuses) {

    /** The status of a template the provider approved (a {@code REINSTATED} report reads as this). */
    public static final String APPROVED = "APPROVED";

    /**
     * A status the provider reported (for one WABA, in {@link #wabaStatuses}).
     *
     * @param status the provider's status word, upper case ({@code REINSTATED} reads as {@link #APPROVED})
     * @param at     when the provider reported it (null only in {@link #latest()}, for a status without a
     *               WABA stored without its time)
     */
    public record ProviderStatus(String status, Instant at) {
        public ProviderStatus {
            status = normalise(Objects.requireNonNull(status, "status"));
            if (status == null) {
                throw new IllegalArgumentException("a reported template status is not blank");
            }
        }

        /** Whether it is APPROVED: the template may be sent. */
        public boolean approved() {
            return APPROVED.equals(status);
        }
    }

    public WhatsAppTemplateBinding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        status = normalise(status);
        if (wabaStatuses == null || wabaStatuses.isEmpty()) {
            wabaStatuses = Map.of();
        } else {
            TreeMap<String, ProviderStatus> copy = new TreeMap<>();
            wabaStatuses.forEach((waba, s) -> {
                if (waba == null || waba.isBlank() || s == null || s.at() == null) {
                    throw new IllegalArgumentException("a WABA's status needs the WABA id and the time it was"
                            + " reported: " + waba + " " + s);
                }
                copy.put(waba, s);
            });
            wabaStatuses = java.util.Collections.unmodifiableMap(copy);
        }
    }

    /** A binding with the status reported without a WABA and none per WABA. */
    public WhatsAppTemplateBinding(String name, String language, List<String> parameters, String status,
                                   Instant statusAt) {
        this(name, language, parameters, status, statusAt, Map.of());
    }

    /** A binding whose provider status was not reported yet. */
    public WhatsAppTemplateBinding(String name, String language, List<String> parameters) {
        this(name, language, parameters, null, null, Map.of());
    }

    private static String normalise(String status) {
        String s = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        return "REINSTATED".equals(s) ? APPROVED : s;
    }

    /**
     * Whether the approved template may be sent from a number whose WABA is not known: the newest
     * status reported, whether or not it named a WABA, is APPROVED, or none was reported. With one
     * WABA (or reports that name none) this is that status. Campaigns made from a template whose
     * binding is usable from none of their numbers carry no binding, so leads outside the 24-hour
     * window are skipped instead of sent a template the provider would refuse.
     */
    public boolean usable() {
        ProviderStatus newest = latest();
        return newest == null || newest.approved();
    }

    /**
     * The newest status reported, with or without a WABA (a status without a time counts as the
     * oldest), or null while none was: what the provider last said about this template anywhere.
     */
    public ProviderStatus latest() {
        ProviderStatus newest = status == null ? null : new ProviderStatus(status, statusAt);
        for (ProviderStatus s : wabaStatuses.values()) {
            if (newest == null || newest.at() == null || s.at().isAfter(newest.at())) {
                newest = s;
            }
        }
        return newest;
    }

    /**
     * Whether the approved template may be sent from a number of this WABA: the status that WABA
     * reported when it reported one; else the status reported without a WABA (null or APPROVED: a
     * report of another WABA says nothing about this one). A null {@code wabaId} (a number whose WABA
     * is not known) is {@link #usable()}.
     */
    public boolean usableIn(String wabaId) {
        if (wabaId == null) {
            return usable();
        }
        ProviderStatus own = wabaStatuses.get(wabaId);
        if (own != null) {
            return own.approved();
        }
        return status == null || APPROVED.equals(status);
    }

    /** Whether it is {@link #usableIn(String) usable} from a number of at least one of these WABAs (null: not known). */
    public boolean usableInAny(Collection<String> wabaIds) {
        for (String waba : wabaIds) {
            if (usableIn(waba)) {
                return true;
            }
        }
        return false;
    }

    /** This binding with the provider's status reported without a WABA (the statuses per WABA kept). */
    public WhatsAppTemplateBinding withStatus(String newStatus, Instant at) {
        return new WhatsAppTemplateBinding(name, language, parameters, newStatus, at, wabaStatuses);
    }

    /** This binding with these statuses per WABA (the one reported without a WABA kept). */
    public WhatsAppTemplateBinding withWabaStatuses(Map<String, ProviderStatus> statuses) {
        return new WhatsAppTemplateBinding(name, language, parameters, status, statusAt, statuses);
    }

    /** This binding with the provider statuses (without a WABA and per WABA) of {@code other}. */
    public WhatsAppTemplateBinding withStatusesOf(WhatsAppTemplateBinding other) {
        return new WhatsAppTemplateBinding(name, language, parameters, other.status, other.statusAt,
                other.wabaStatuses);
    }

    /**
     * This binding after the provider reported {@code newStatus} at {@code at} for the WABA
     * {@code wabaId} (null: a report that names no WABA), or empty when that changes nothing: the
     * status it replaces was reported later (a newer status stands), or is the same.
     */
    public Optional<WhatsAppTemplateBinding> afterReport(String wabaId, String newStatus, Instant at) {
        Objects.requireNonNull(at, "at");
        String normalised = normalise(newStatus);
        if (wabaId == null) {
            if ((statusAt != null && statusAt.isAfter(at)) || Objects.equals(status, normalised)) {
                return Optional.empty();
            }
            return Optional.of(withStatus(normalised, at));
        }
        if (normalised == null) {
            return Optional.empty();
        }
        ProviderStatus before = wabaStatuses.get(wabaId);
        if (before != null && (before.at().isAfter(at) || before.status().equals(normalised))) {
            return Optional.empty();
        }
        Map<String, ProviderStatus> next = new TreeMap<>(wabaStatuses);
        next.put(wabaId, new ProviderStatus(normalised, at));
        return Optional.of(withWabaStatuses(next));
    }

    /** Whether it binds the provider template with this name and language (null: any language). */
    public boolean binds(String providerName, String providerLanguage) {
        return name.equals(providerName) && (providerLanguage == null || language.equalsIgnoreCase(providerLanguage));
    }
}
