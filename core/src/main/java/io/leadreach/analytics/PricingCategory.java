package io.leadreach.analytics;

import java.util.Locale;
import java.util.Optional;

/** WhatsApp's pricing categories of template messages. */
public enum PricingCategory {
    MARKETING, UTILITY, AUTHENTICATION, SERVICE;

    /** The category with this name, any case, or empty. */
    public static Optional<PricingCategory> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
