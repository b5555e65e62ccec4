package io.leadreach.transport;

import java.util.Objects;

/**
 * One message to hand to a {@link WhatsAppTransport}.
 *
 * @param to            the recipient's mobile number in E.164 form ({@code +14155550100})
 * @param correlationId the library's id for this send attempt; transports must echo it to the
 *                      provider (the Cloud API's {@code biz_opaque_callback_data}) so that later
 *                      status events can be matched to it, even when the send's own outcome was
 *                      never learned
 * @param content       what to send
 */
public record OutboundMessage(String to, String correlationId, MessageContent content) {

    public OutboundMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(content, "content");
        if (!to.startsWith("+")) {
            throw new IllegalArgumentException("recipient must be in E.164 form: " + to);
        }
    }
}
