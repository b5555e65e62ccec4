package io.leadreach.whatsapp.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * An inbound reply the simulator posts after a sent message, as scripted by
 * {@link SimulatorBuilder#inboundScript(java.util.function.Function)}.
 *
 * @param delay         how long after the send
 * @param text          the text (or a button's text), may be null
 * @param buttonPayload a quick-reply payload, making it a {@code button} message; may be null
 */
public record ScriptedReply(Duration delay, String text, String buttonPayload) {
    public ScriptedReply {
        Objects.requireNonNull(delay, "delay");
    }

    /** A text reply. */
    public static ScriptedReply text(Duration delay, String text) {
        return new ScriptedReply(delay, text, null);
    }

    /** A quick-reply button tap. */
    public static ScriptedReply button(Duration delay, String payload, String text) {
        return new ScriptedReply(delay, text, payload);
    }
}
