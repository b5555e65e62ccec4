package io.leadreach.spring.internal;

import io.leadreach.IllegalTransitionException;
import io.leadreach.NotFoundException;
import io.leadreach.ThrottledException;
import io.leadreach.ValidationException;
import io.leadreach.attachment.AttachmentInfectedException;
import io.leadreach.attachment.AttachmentIntake;
import io.leadreach.attachment.AttachmentPolicy;
import io.leadreach.attachment.VirusScanException;
import io.leadreach.security.PermissionDeniedException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error of the LeadReach API as an RFC 9457 problem ({@code application/problem+json}):
 * 400 for refused input (with {@code errors}: field, code, message), 403 for a missing permission,
 * 404 for an unknown id, 409 for a wrong state or a name already taken (also with {@code errors}), 413 for an attachment too large (by the policy,
 * the multipart limit, or the virus scanner's limit), 415 for a wrong content type or an attachment whose bytes are not an accepted type, 422 for
 * an infected attachment (naming the {@code signature}), 429 with {@code Retry-After} for a throttled send, 503 when a required virus scan
 * could not be done. Spring MVC's own errors (malformed JSON, missing parameters, ...) come from
 * {@link ResponseEntityExceptionHandler}. Applies to the LeadReach controllers and console pages only.
 */
@RestControllerAdvice(assignableTypes = {SendController.class, CampaignController.class, TemplateController.class,
        WebhookController.class, CampaignPreviewController.class, AnalyticsController.class,
        AutomationRuleController.class, HistoryController.class, ConsoleController.class},
        // The console's pages and fragments: a refusal in a page handler is the same problem (htmx shows
        // its detail), never a 500. The answers' content type is set, so a request accepting only
        // text/html still gets it.
        basePackages = "io.leadreach.spring.ui")
public class ProblemDetails extends ResponseEntityExceptionHandler {

    /** The base of the problem type URIs. */
    public static final String TYPE_BASE = "https://leadreach.io/problems/";

    private static final Logger log = LoggerFactory.getLogger(ProblemDetails.class);

    /** The error code of a name already taken, answered 409. */
    static final String DUPLICATE_NAME = "duplicate_name";

    /**
     * Refused input: 400; 413 when the attachment is too large; 415 when its bytes are not an
     * accepted type (an executable renamed {@code .pdf}); 409 when the only fault is a name already
     * taken. Every field at fault is listed in {@code errors} whatever the status.
     */
    @ExceptionHandler(ValidationException.class)
    public ResponseEntity<Object> validation(ValidationException e) {
        boolean notScannable = e.errors().stream().anyMatch(f -> f.field().equals(AttachmentPolicy.FIELD)
                && f.code().equals(AttachmentIntake.NOT_SCANNABLE));
        boolean tooLarge = notScannable || e.errors().stream().anyMatch(f -> f.field().equals(AttachmentPolicy.FIELD)
                && f.code().equals(AttachmentPolicy.TOO_LARGE));
        boolean badType = !tooLarge && e.errors().stream().anyMatch(f -> f.field().equals(AttachmentPolicy.FIELD)
                && (f.code().equals(AttachmentPolicy.TYPE_NOT_ALLOWED) || f.code().equals(AttachmentPolicy.TYPE_MISMATCH)));
        boolean duplicate = !tooLarge && !badType && !e.errors().isEmpty()
                && e.errors().stream().allMatch(f -> f.code().equals(DUPLICATE_NAME));
        ProblemDetail p;
        if (notScannable) {
            p = problem(HttpStatus.CONTENT_TOO_LARGE, "attachment-not-scannable", "Attachment too large to scan",
                    e.getMessage());
        } else if (tooLarge) {
            p = problem(HttpStatus.CONTENT_TOO_LARGE, "attachment-too-large", "Attachment too large", e.getMessage());
        } else if (badType) {
            p = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "attachment-type-not-allowed", "Attachment type not allowed",
                    e.getMessage());
        } else if (duplicate) {
            p = problem(HttpStatus.CONFLICT, "duplicate-name", "Name already taken", e.getMessage());
        } else {
            p = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid input", e.getMessage());
        }
        return respond(withErrors(p, e), null);
    }

    /**
     * An attachment the virus scanner found infected: 422, naming the scanner's signature in
     * {@code signature} and the field in {@code errors}. Nothing was stored or sent.
     */
    @ExceptionHandler(AttachmentInfectedException.class)
    public ResponseEntity<Object> infected(AttachmentInfectedException e) {
        ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_CONTENT, "attachment-infected", "Attachment infected",
                e.errors().get(0).message());
        p.setProperty("signature", e.signature());
        return respond(withErrors(p, e), null);
    }

    private static ProblemDetail withErrors(ProblemDetail p, ValidationException e) {
        List<Map<String, String>> errors = e.errors().stream()
                .map(f -> Map.of("field", f.field(), "code", f.code(), "message", f.message())).toList();
        p.setProperty("errors", errors);
        return p;
    }

    /** A webhook delivery refused (bad signature, unreadable or too large body): 401, 400 or 413. */
    @ExceptionHandler(WebhookController.Refused.class)
    public ResponseEntity<Object> webhookRefused(WebhookController.Refused e) {
        return e.problem();
    }

    /** Analytics without an analytics store (a custom message store and no {@code AnalyticsStore}): 501. */
    @ExceptionHandler(AnalyticsController.AnalyticsUnavailableException.class)
    public ResponseEntity<Object> analyticsUnavailable(RuntimeException e) {
        return respond(problem(HttpStatus.NOT_IMPLEMENTED, "analytics-unavailable", "Analytics not configured",
                e.getMessage()), null);
    }

    /** A store that cannot answer a read (such as a custom message store without paging): 501. */
    @ExceptionHandler(UnsupportedOperationException.class)
    public ResponseEntity<Object> unsupported(UnsupportedOperationException e) {
        return respond(problem(HttpStatus.NOT_IMPLEMENTED, "not-supported", "Not supported by the configured stores",
                e.getMessage()), null);
    }

    /** A missing LeadReach permission: 403. */
    @ExceptionHandler(PermissionDeniedException.class)
    public ResponseEntity<Object> denied(PermissionDeniedException e) {
        ProblemDetail p = problem(HttpStatus.FORBIDDEN, "permission-denied", "Permission denied",
                "this needs the permission " + e.permission().authority());
        p.setProperty("permission", e.permission().authority());
        return respond(p, null);
    }

    /** Spring Security's refusal inside a controller: 403. */
    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<Object> accessDenied(AccessDeniedException e) {
        return respond(problem(HttpStatus.FORBIDDEN, "permission-denied", "Permission denied", e.getMessage()), null);
    }

    /** No authenticated user: 401. */
    @ExceptionHandler(AuthenticationException.class)
    public ResponseEntity<Object> unauthenticated(AuthenticationException e) {
        return respond(problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Not authenticated", e.getMessage()), null);
    }

    /** An unknown lead, campaign or job: 404. */
    @ExceptionHandler(NotFoundException.class)
    public ResponseEntity<Object> notFound(NotFoundException e) {
        ProblemDetail p = problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
        p.setProperty("kind", e.kind());
        p.setProperty("id", e.id());
        return respond(p, null);
    }

    /** An operation that does not fit the current state: 409. */
    @ExceptionHandler(IllegalTransitionException.class)
    public ResponseEntity<Object> conflict(IllegalTransitionException e) {
        return respond(problem(HttpStatus.CONFLICT, "illegal-transition", "Not allowed in this state",
                e.getMessage()), null);
    }

    /** A send refused by a throttle or quiet hours: 429 with Retry-After in whole seconds. */
    @ExceptionHandler(ThrottledException.class)
    public ResponseEntity<Object> throttled(ThrottledException e) {
        Duration after = e.retryAfter() == null ? Duration.ofSeconds(1) : e.retryAfter();
        long seconds = Math.max(1, (after.toMillis() + 999) / 1000);
        ProblemDetail p = problem(HttpStatus.TOO_MANY_REQUESTS, "throttled", "Throttled", e.getMessage());
        p.setProperty("retryAfterSeconds", seconds);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return respond(p, headers);
    }

    /**
     * The virus scanner could not scan the attachment (down, timed out, an error) and scanning is
     * required: 503, nothing stored or sent.
     */
    @ExceptionHandler(VirusScanException.class)
    public ResponseEntity<Object> scanFailed(VirusScanException e) {
        log.warn("Attachment scan failed ({}): {}", e.reason(), e.getMessage());
        return respond(problem(HttpStatus.SERVICE_UNAVAILABLE, "scan-unavailable", "Attachment scan unavailable",
                "the attachment could not be scanned; try again later"), null);
    }

    /** A malformed multipart request (other than too large): 400. */
    @ExceptionHandler(MultipartException.class)
    public ResponseEntity<Object> multipart(MultipartException e) {
        if (e instanceof MaxUploadSizeExceededException m) {
            return tooLarge(m);
        }
        return respond(problem(HttpStatus.BAD_REQUEST, "validation", "Invalid multipart request", e.getMessage()), null);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return tooLarge(ex);
    }

    private ResponseEntity<Object> tooLarge(MaxUploadSizeExceededException e) {
        ProblemDetail p = problem(HttpStatus.CONTENT_TOO_LARGE, "attachment-too-large", "Attachment too large",
                "the upload is larger than the server accepts"
                        + (e.getMaxUploadSize() > 0 ? " (" + e.getMaxUploadSize() + " bytes)" : ""));
        p.setProperty("errors", List.of(Map.of("field", AttachmentPolicy.FIELD, "code", AttachmentPolicy.TOO_LARGE,
                "message", "the upload is larger than the server accepts")));
        return respond(p, null);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail p) {
            if (p.getType() == null || "about:blank".equals(p.getType().toString())) {
                p.setType(URI.create(TYPE_BASE + (statusCode.value() == 415 ? "unsupported-media-type"
                        : statusCode.is4xxClientError() ? "bad-request" : "server-error")));
            }
            Map<String, String> error = fieldError(ex);
            if (error != null && (p.getProperties() == null || !p.getProperties().containsKey("errors"))) {
                p.setProperty("errors", List.of(error));
            }
        }
        if (response == null) {
            return null;
        }
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(response.getBody());
    }

    /** The field at fault in Spring MVC's own refusals, named as the request names it; null when none is. */
    private static Map<String, String> fieldError(Exception ex) {
        if (ex instanceof MethodArgumentTypeMismatchException m) {
            return Map.of("field", m.getName(), "code", "invalid", "message", m.getName() + " must be a "
                    + (m.getRequiredType() == null ? "valid value" : m.getRequiredType().getSimpleName().toLowerCase(
                            java.util.Locale.ROOT)));
        }
        if (ex instanceof MissingServletRequestParameterException m) {
            return Map.of("field", m.getParameterName(), "code", "missing", "message", m.getParameterName() + " is required");
        }
        if (ex instanceof MissingServletRequestPartException m) {
            return Map.of("field", m.getRequestPartName(), "code", "missing", "message", m.getRequestPartName() + " is required");
        }
        if (ex instanceof HttpMessageNotReadableException) {
            return Map.of("field", "body", "code", "unreadable",
                    "message", "the body is not well-formed JSON of the expected shape");
        }
        return null;
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(TYPE_BASE + type));
        p.setTitle(title);
        return p;
    }

    private static ResponseEntity<Object> respond(ProblemDetail p, HttpHeaders headers) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (headers != null) {
            b.headers(headers);
        }
        return b.body(p);
    }
}
