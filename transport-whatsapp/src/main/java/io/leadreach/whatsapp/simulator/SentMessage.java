package io.leadreach.whatsapp.simulator;

import java.time.Instant;
import java.util.List;

/**
 * A message the simulator accepted.
 *
 * @param wamid         the message id it answered with
 * @param to            the recipient as sent (E.164)
 * @param type          {@code text}, {@code image}, {@code template}, ...
 * @param body          the text body, the media caption, or null
 * @param correlationId the {@code biz_opaque_callback_data}, or null
 * @param mediaId       the media id of a media message or template header, or null
 * @param templateName  the template name, or null
 * @param templateParameters the template's body parameters (empty when none)
 * @param payload       the request body as received
 * @param acceptedAt    when it was accepted (simulator clock)
 * @param phoneNumberId the id of the business number it was sent from
 */
public record SentMessage(String wamid, String to, String type, String body, String correlationId,
                          String mediaId, String templateName, List<String> templateParameters, String payload,
                          Instant acceptedAt, String phoneNumberId) {

    /** A message sent from the simulator's default number. */
    public SentMessage(String wamid, String to, String type, String body, String correlationId, String mediaId,
                       String templateName, List<String> templateParameters, String payload, Instant acceptedAt) {
        this(wamid, to, type, body, correlationId, mediaId, templateName, templateParameters, payload, acceptedAt,
                WhatsAppCloudSimulator.DEFAULT_PHONE_NUMBER_ID);
    }
}
