package io.leadreach.spring.internal;

import io.leadreach.spring.WebhookEventHandler;
import io.leadreach.tracking.TrackingEvent;
import io.leadreach.whatsapp.WebhookParser;
import io.leadreach.whatsapp.WebhookPayloadException;
import io.leadreach.whatsapp.WebhookSignatureException;
import io.leadreach.whatsapp.WebhookVerifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Cloud API webhook: the verification handshake ({@code GET}) and event deliveries
 * ({@code POST}). A delivery's signature is checked on the raw bytes before anything is parsed;
 * the events go to the {@link WebhookEventHandler}.
 */
@RestController
public class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final WebhookVerifier verifier;
    private final WebhookParser parser;
    private final WebhookEventHandler handler;

    /** The endpoint over a verifier, a parser and a handler. */
    public WebhookController(WebhookVerifier verifier, WebhookParser parser, WebhookEventHandler handler) {
        this.verifier = verifier;
        this.parser = parser;
        this.handler = handler;
    }

    /** The subscription handshake: 200 with the challenge as text, or 403. */
    @GetMapping(path = Routes.WEBHOOK, produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> handshake(@RequestParam(name = "hub.mode", required = false) String mode,
                                            @RequestParam(name = "hub.verify_token", required = false) String token,
                                            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        return verifier.handshake(mode, token, challenge)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.FORBIDDEN).body("verification refused"));
    }

    /**
     * A delivery: 200 once its events were handed over; 401 for a bad signature, 400/413 for a bad
     * body (answered by {@link ProblemDetails} from a {@link Refused}). The 200 is written straight to
     * the response, with no body for a message converter to write: it is the answer to every delivery.
     */
    @PostMapping(Routes.WEBHOOK)
    public void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body;
        try {
            body = parser.readBody(request.getInputStream(), request.getContentLengthLong());
        } catch (WebhookPayloadException e) {
            throw new Refused(HttpStatus.CONTENT_TOO_LARGE, "Webhook body too large", e.getMessage());
        }
        try {
            verifier.verifySignature(body, request.getHeader(WebhookVerifier.SIGNATURE_HEADER));
        } catch (WebhookSignatureException e) {
            log.warn("Refused a webhook delivery: {}", e.getMessage());
            throw new Refused(HttpStatus.UNAUTHORIZED, "Bad webhook signature", e.getMessage());
        }
        List<TrackingEvent> events;
        try {
            events = parser.parse(body);
        } catch (WebhookPayloadException e) {
            HttpStatus status = e.reason() == WebhookPayloadException.Reason.TOO_LARGE
                    ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
            throw new Refused(status, "Unreadable webhook body", e.getMessage());
        }
        if (!events.isEmpty()) {
            handler.handle(events);
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentLength(0);
    }

    /** A delivery refused before its events were handed over: a problem with this status, title and detail. */
    static final class Refused extends RuntimeException {
        private final HttpStatus status;
        private final String title;

        Refused(HttpStatus status, String title, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.title = title;
        }

        /** The answer: {@code application/problem+json} with the status, the title and the detail. */
        ResponseEntity<Object> problem() {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
            problem.setTitle(title);
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
    }
}
