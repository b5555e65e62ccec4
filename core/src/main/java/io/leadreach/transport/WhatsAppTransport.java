package io.leadreach.transport;

import java.util.concurrent.CompletionStage;

/**
 * The SPI a WhatsApp provider implements (Meta's Cloud API, Twilio, the local simulator, or the
 * {@link io.leadreach.testing.RecordingTransport} of a host's test suite).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #send} never throws: every failure is a {@link SendOutcome}. The returned stage
 *       always completes.</li>
 *   <li>{@link SendOutcome.Rejected} means the provider certainly did not take the message (it
 *       answered with an error, or the request was never written). When the request may have been
 *       written (timeout, reset after write), the answer is {@link SendOutcome.Unknown}.</li>
 *   <li>The message's correlation id travels with the send so that status events echo it.</li>
 *   <li>Implementations are thread-safe; the engine calls {@code send} from several threads.</li>
 * </ul>
 */
public interface WhatsAppTransport {

    /** Sends one message; the stage completes with its outcome. */
    CompletionStage<SendOutcome> send(OutboundMessage message);

    /**
     * The business phone number (or sender id) this transport sends from. The engine uses it as
     * the key of the per-sender throttle.
     */
    default String senderId() {
        return "default";
    }
}
