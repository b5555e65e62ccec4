package io.leadreach.whatsapp.internal;

import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.SendOutcome;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.RequestNotExecutedException;
import tools.jackson.databind.JsonNode;

/**
 * Turns what came back from the Graph API into a {@link SendOutcome}.
 *
 * <ul>
 *   <li>A 2xx with {@code messages[0].id} is {@link SendOutcome.Accepted}; a 2xx without one is
 *       {@link SendOutcome.Unknown} (Meta may have taken the message).</li>
 *   <li>An error object is mapped by its {@code code} ({@link ErrorMapping}), whatever the status.</li>
 *   <li>A non-2xx without a readable error is judged by its status: nothing proves acceptance,
 *       so 5xx is retryable.</li>
 *   <li>A failure before the request body went out is retryable; after, it is unknown.</li>
 * </ul>
 */
public final class Outcomes {

    /** Meta's message ids are at most this long. */
    public static final int MAX_WAMID_LENGTH = 128;
    private static final int RAW_PREVIEW = 4000;

    private Outcomes() {
    }

    /** The outcome of a POST to {@code /messages}. */
    public static SendOutcome ofSend(GraphHttp.Result result, Clock clock) {
        if (result instanceof GraphHttp.Failure) {
            return ofFailure((GraphHttp.Failure) result);
        }
        GraphHttp.Response response = (GraphHttp.Response) result;
        JsonNode json = Json.tryParse(response.body());
        String raw = Json.preview(response.body(), RAW_PREVIEW);
        int status = response.status();
        if (status >= 200 && status < 300) {
            String id = json == null ? null : Json.nonBlank(json.path("messages").path(0).path("id"));
            if (id != null && id.length() <= MAX_WAMID_LENGTH) {
                return new SendOutcome.Accepted(id, raw);
            }
            SendOutcome.Rejected error = errorObject(json, response, clock, raw);
            if (error != null) {
                return error;
            }
            return new SendOutcome.Unknown(id == null
                    ? "HTTP " + status + " without a message id: " + describeBody(json, response.body())
                    : "HTTP " + status + " with a message id longer than " + MAX_WAMID_LENGTH + " characters");
        }
        SendOutcome.Rejected error = errorObject(json, response, clock, raw);
        if (error != null) {
            return error;
        }
        return ofUnreadable(status, "HTTP " + status + " with " + describeBody(json, response.body()),
                RetryAfter.parse(response.retryAfter(), clock), raw);
    }

    /** The Meta error in a response, mapped, or null when there is none with a numeric code. */
    public static SendOutcome.Rejected errorObject(JsonNode json, GraphHttp.Response response, Clock clock,
                                                   String raw) {
        if (json == null) {
            return null;
        }
        JsonNode error = json.path("error");
        JsonNode codeNode = error.path("code");
        Integer code = null;
        if (codeNode.isIntegralNumber() && codeNode.canConvertToInt()) {
            code = codeNode.intValue();
        } else if (codeNode.isString()) {
            try {
                code = Integer.parseInt(codeNode.stringValue().trim());
            } catch (NumberFormatException ignored) {
                code = null;
            }
        }
        if (code == null) {
            return null;
        }
        ErrorClass errorClass = ErrorMapping.classify(code);
        Duration retryAfter = RetryAfter.parse(response.retryAfter(), clock);
        if (retryAfter == null) {
            retryAfter = ErrorMapping.defaultRetryAfter(errorClass);
        }
        return new SendOutcome.Rejected(errorClass, String.valueOf(code), errorMessage(error), retryAfter, raw);
    }

    /** {@code message} and {@code error_data.details} of a Meta error object. */
    public static String errorMessage(JsonNode error) {
        String message = Json.nonBlank(error.path("message"));
        if (message == null) {
            message = Json.nonBlank(error.path("title"));
        }
        String details = Json.nonBlank(error.path("error_data").path("details"));
        if (message == null) {
            return details == null ? "(no message)" : details;
        }
        return details == null || message.contains(details) ? message : message + ": " + details;
    }

    /** A transport failure: retryable when nothing went out, unknown when it may have. */
    public static SendOutcome ofFailure(GraphHttp.Failure failure) {
        Exception cause = failure.cause();
        if (cause instanceof GraphHttp.ResponseTooLargeException) {
            return ofUnreadable(failure.status(), "HTTP " + failure.status() + " with " + cause.getMessage(), null, null);
        }
        if (!failure.requestWritten() || isBeforeWrite(cause)) {
            return new SendOutcome.Rejected(ErrorClass.RETRYABLE, "CONNECT_FAILED",
                    "the request was not sent: " + describe(cause), null, null);
        }
        if (cause instanceof SocketTimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return new SendOutcome.Unknown("no response within the response timeout after the request was written: "
                    + describe(cause));
        }
        return new SendOutcome.Unknown("the connection failed after the request was written: " + describe(cause));
    }

    /** Whether a failure certainly happened before the request went out. */
    public static boolean isBeforeWrite(Throwable cause) {
        return cause instanceof ConnectException          // includes HttpHostConnectException: refused
                || cause instanceof ConnectTimeoutException
                || cause instanceof ConnectionRequestTimeoutException
                || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException
                || cause instanceof RequestNotExecutedException;
    }

    /** A response whose body says nothing usable: judged by its status. */
    public static SendOutcome ofUnreadable(int status, String message, Duration retryAfter, String raw) {
        if (status >= 200 && status < 300) {
            return new SendOutcome.Unknown(message);
        }
        String code = "HTTP_" + status;
        if (status == 429) {
            return new SendOutcome.Rejected(ErrorClass.RATE_LIMITED, code, message, retryAfter, raw);
        }
        if (status >= 500 || status == 408) {
            return new SendOutcome.Rejected(ErrorClass.RETRYABLE, code, message, retryAfter, raw);
        }
        if (status == 401 || status == 403 || status == 404 || (status >= 300 && status < 400)) {
            return new SendOutcome.Rejected(ErrorClass.CONFIGURATION, code, message, retryAfter, raw);
        }
        return new SendOutcome.Rejected(ErrorClass.PERMANENT, code, message, retryAfter, raw);
    }

    /** A short description of a body that is not the expected JSON. */
    public static String describeBody(JsonNode json, byte[] body) {
        if (body == null || body.length == 0) {
            return "an empty body";
        }
        if (json == null) {
            return "a body that is not JSON (" + body.length + " bytes)";
        }
        return "an unexpected JSON body (" + body.length + " bytes)";
    }

    /** The exception's class and message. */
    public static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
