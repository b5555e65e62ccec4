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
 * @param wabaId       the WhatsApp Business Account whose template it is (Meta's {@code entry[].id});
 *                     null when the provider does not say
 */
public record TemplateStatusChange(String templateName, String language, String status, String reason,
                                   Instant timestamp, String wabaId) implements TrackingEvent {

    public TemplateStatusChange {
        Objects.requireNonNull(templateName, "templateName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(timestamp, "timestamp");
        wabaId = wabaId == null || wabaId.isBlank() ? null : wabaId.strip();
    }

    /** A change that names no WABA. */
    public TemplateStatusChange(String templateName, String language, String status, String reason,
                                Instant timestamp) {
        this(templateName, language, status, reason, timestamp, null);
    }
}
