package io.leadreach.template;

import java.util.List;
import java.util.Objects;

/**
 * A template as the provider knows it (for the Cloud API, one entry of
 * {@code /{waba-id}/message_templates}). Only APPROVED ones can be sent.
 *
 * @param name               the provider's template name
 * @param language           its language code, such as {@code en_US}
 * @param category           MARKETING, UTILITY or AUTHENTICATION
 * @param status             APPROVED, PENDING, REJECTED, PAUSED, DISABLED, ...
 * @param bodyParameterCount how many parameters its body takes
 * @param bodyParameterNames the names of named body parameters, in order (empty for positional ones)
 * @param headerFormat       TEXT, IMAGE, DOCUMENT, VIDEO, LOCATION, or null without a header
 * @param body               the body text with its placeholders, for display (may be null)
 */
public record ProviderTemplate(String name, String language, String category, String status,
                               int bodyParameterCount, List<String> bodyParameterNames,
                               String headerFormat, String body) {

    public ProviderTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(status, "status");
        bodyParameterNames = bodyParameterNames == null ? List.of() : List.copyOf(bodyParameterNames);
    }

    /** Whether it can be sent now. */
    public boolean isApproved() {
        return "APPROVED".equalsIgnoreCase(status);
    }
}
