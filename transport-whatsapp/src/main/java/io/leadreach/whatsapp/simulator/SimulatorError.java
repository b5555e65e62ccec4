package io.leadreach.whatsapp.simulator;

import io.leadreach.whatsapp.internal.Json;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Cloud API error the simulator answers with: Meta's error code, message and details, the
 * HTTP status Meta tends to use for it, and the error body as Meta shapes it.
 */
final class SimulatorError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String details;

    /** An error with Meta's usual message for the code. */
    public SimulatorError(int code, String details) {
        this(code, message(code), details);
    }

    /** An error with its own message. */
    public SimulatorError(int code, String message, String details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
    }

    /** Meta's error code. */
    public int code() {
        return code;
    }

    /** The HTTP status to answer with (Meta's are not consistent; the client must not rely on them). */
    public int httpStatus() {
        switch (code) {
            case 130429:
            case 131056:
            case 4:
            case 80007:
                return 429;
            case 190:
                return 401;
            case 131000:
                return 500;
            case 131016:
                return 503;
            default:
                return 400;
        }
    }

    /** {@code {"error":{"message","type","code","error_data":{"details"},"fbtrace_id"}}}. */
    public ObjectNode body() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", getMessage());
        error.put("type", "OAuthException");
        error.put("code", code);
        if (details != null) {
            error.putObject("error_data").put("messaging_product", "whatsapp").put("details", details);
        }
        error.put("fbtrace_id", "Sim" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        return root;
    }

    /** Meta's message for a code, as its error objects word it. */
    public static String message(int code) {
        switch (code) {
            case 130429: return "(#130429) Rate limit hit";
            case 131056: return "(#131056) (Business Account, Consumer Account) pair rate limit hit";
            case 131047: return "(#131047) Re-engagement message";
            case 131050: return "(#131050) User has stopped marketing messages";
            case 131048: return "(#131048) Spam rate limit hit";
            case 131049: return "(#131049) This message was not delivered to maintain healthy ecosystem engagement.";
            case 131026: return "(#131026) Message undeliverable";
            case 131053: return "(#131053) Media upload error";
            case 131000: return "(#131000) Something went wrong";
            case 131016: return "(#131016) Service unavailable";
            case 190: return "Invalid OAuth access token";
            default: return "(#" + code + ") Simulated error";
        }
    }

    /** The message without its {@code (#code)} prefix, as webhook error titles read. */
    public static String title(int code) {
        return message(code).replaceFirst("^\\(#\\d+\\) ", "");
    }
}
