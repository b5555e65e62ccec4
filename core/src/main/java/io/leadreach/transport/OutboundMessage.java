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
 * @param from          the id of the {@link io.leadreach.sending.SenderNumber} to send from, or null
 *                      for the transport's own number (a transport of one number ignores it; a
 *                      {@link SenderRoutingTransport} hands the message to that number's transport)
 */
public record OutboundMessage(String to, String correlationId, MessageContent content, String from) {

    /** A message from the transport's own number. */
    public OutboundMessage(String to, String correlationId, MessageContent content) {
        this(to, correlationId, content, null);
    }

    public OutboundMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(content, "content");
        if (!to.startsWith("+")) {
            throw new IllegalArgumentException("recipient must be in E.164 form: " + to);
        }
    }
}
