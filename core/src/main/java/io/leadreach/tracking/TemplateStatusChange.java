package io.leadreach.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * The provider changed the status of an approved-template submission.
 *
 * @param templateName the template's name at the provider
 * @param language     its language code (may be null when the provider omits it)
 * @param status       the provider's status word ({@code APPROVED}, {@code REJECTED}, {@code PAUSED}, ...)
 * @param reason       the provider's reason, if any (may be null)
 * @param timestamp    when it happened
 */
public record TemplateStatusChange(String templateName, String language, String status, String reason,
                                   Instant timestamp) implements TrackingEvent {

    public TemplateStatusChange {
        Objects.requireNonNull(templateName, "templateName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
