package io.leadreach.spring.internal;

import io.leadreach.BulkSendResult;
import io.leadreach.LeadWhatsAppService;
import io.leadreach.ValidationException;
import io.leadreach.attachment.AttachmentUpload;
import io.leadreach.sending.JobProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Single and bulk sends, and the progress of bulk jobs. */
@RestController
public class SendController implements AutoCloseable {

    private final LeadWhatsAppService service;
    private final Actors actors;
    private final SseStreams streams;
    private final boolean ownsStreams;

    /** The controller over the service, with streams of its own. */
    public SendController(LeadWhatsAppService service, Actors actors) {
        this(service, actors, new SseStreams(), true);
    }

    /** The controller over the service, sharing {@code streams} with the other event streams. */
    public SendController(LeadWhatsAppService service, Actors actors, SseStreams streams) {
        this(service, actors, streams, false);
    }

    private SendController(LeadWhatsAppService service, Actors actors, SseStreams streams, boolean ownsStreams) {
        this.service = service;
        this.actors = actors;
        this.streams = streams;
        this.ownsStreams = ownsStreams;
    }

    /**
     * Sends a message, with an optional attachment, to one lead; or, with {@code template_id}, a
     * library template (its approved WhatsApp template outside the lead's 24-hour window).
     */
    @PostMapping(path = Routes.SEND, consumes = {MediaType.MULTIPART_FORM_DATA_VALUE,
            MediaType.APPLICATION_FORM_URLENCODED_VALUE})
    public Views.SendView send(@PathVariable("lead") long lead,
                               @RequestParam(name = "message", required = false) String message,
                               @RequestParam(name = "attachment", required = false) MultipartFile attachment,
                               @RequestParam(name = "template_id", required = false) Long templateId) {
        if (templateId != null) {
            if ((message != null && !message.isBlank()) || upload(attachment) != null) {
                throw new ValidationException("template_id", "not_with_message",
                        "send either a template or a message with its attachment, not both");
            }
            return Views.SendView.of(service.sendTemplateMessage(actors.current(), lead, templateId));
        }
        return Views.SendView.of(service.sendSingleMessage(actors.current(), lead, message, upload(attachment)));
    }

    /**
     * Sends one message to several leads: per-lead results (200), or a background job (202). With
     * {@code scheduled_at} (an ISO-8601 instant or offset date-time in the future) it is a scheduled
     * BULK campaign, always answered as a job (202). Lead ids come as repeated {@code lead_ids[]} or
     * {@code lead_ids} fields, or comma-separated in one field (so 10,000 ids stay one form field,
     * under the container's limit on the number of fields).
     */
    @PostMapping(path = Routes.BULK_SEND, consumes = {MediaType.MULTIPART_FORM_DATA_VALUE,
            MediaType.APPLICATION_FORM_URLENCODED_VALUE})
    public ResponseEntity<Object> bulkSend(
            @RequestParam(name = "lead_ids[]", required = false) List<String> bracketed,
            @RequestParam(name = "lead_ids", required = false) List<String> plain,
            @RequestParam(name = "message", required = false) String message,
            @RequestParam(name = "attachment", required = false) MultipartFile attachment,
            @RequestParam(name = "scheduled_at", required = false) String scheduledAt,
            jakarta.servlet.http.HttpServletRequest request) {
        // Spring binds "lead_ids" to "lead_ids[]" too when there is no plain one: read the plain
        // name as sent, so that each id (and each bad one) counts once.
        String[] sentPlain = request.getParameterValues("lead_ids");
        List<Long> ids = leadIds(bracketed, sentPlain == null ? null : List.of(sentPlain));
        Instant at = scheduledAt == null || scheduledAt.isBlank() ? null : instant(scheduledAt);
        BulkSendResult result = at == null
                ? service.sendBulkMessages(actors.current(), ids, message, upload(attachment))
                : service.scheduleBulkMessages(actors.current(), ids, message, upload(attachment), at);
        if (result.isJob()) {
            String url = Routes.JOB.replace("{id}", String.valueOf(result.jobId()));
            return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(url))
                    .body(new Views.JobAccepted(result.jobId(), at == null ? "ACTIVE" : "SCHEDULED", url));
        }
        return ResponseEntity.ok(Views.BulkView.of(result));
    }

    /** A bulk job's progress. */
    @GetMapping(Routes.JOB)
    public Views.JobView job(@PathVariable("id") long id) {
        return Views.JobView.of(service.getJobProgress(actors.current(), id));
    }

    /** Cancels what a bulk job has not yet sent. */
    @PostMapping(Routes.JOB_CANCEL)
    public Views.JobView cancelJob(@PathVariable("id") long id) {
        return Views.JobView.of(service.cancelJob(actors.current(), id));
    }

    /**
     * A bulk job's progress as server-sent events ({@code progress}, once a second) until it is
     * finished. The permission and the job are checked before the stream opens.
     */
    @GetMapping(path = Routes.JOB_STREAM, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@PathVariable("id") long id) {
        var actor = actors.current();
        JobProgress first = service.getJobProgress(actor, id);
        return streams.open("progress", Views.JobView.of(first), () -> Views.JobView.of(service.getJobProgress(actor, id)),
                Views.JobView::finished, false);
    }

    @Override
    public void close() {
        if (ownsStreams) {
            streams.close();
        }
    }

    /** An ISO-8601 instant ({@code 2026-03-02T12:00:00Z}) or offset date-time ({@code ...+05:30}). */
    private static Instant instant(String text) {
        String s = text.strip();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException("scheduledAt", "not_a_time",
                    "'" + abbreviate(s) + "' is not an ISO-8601 time with its offset, such as 2026-03-02T12:00:00Z");
        }
    }

    /** Lead ids from {@code lead_ids[]} and {@code lead_ids}, each checked to be a number (commas split a field). */
    public static List<Long> leadIds(List<String> bracketed, List<String> plain) {
        List<String> raw = new ArrayList<>();
        if (bracketed != null) {
            raw.addAll(bracketed);
        }
        if (plain != null) {
            raw.addAll(plain);
        }
        List<Long> ids = new ArrayList<>(raw.size());
        List<ValidationException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String s = raw.get(i) == null ? "" : raw.get(i).trim();
            for (String part : s.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    ids.add(Long.parseLong(part.trim()));
                } catch (NumberFormatException e) {
                    if (errors.size() < 20) {
                        errors.add(new ValidationException.FieldError("leadIds[" + i + "]", "not_a_number",
                                "lead id '" + abbreviate(part) + "' is not a number"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return ids;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** The uploaded file as the core expects it, or null when none (or an empty part without a name) was sent. */
    static AttachmentUpload upload(MultipartFile file) {
        if (file == null || (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty()))) {
            return null;
        }
        try {
            return new AttachmentUpload(file.getOriginalFilename(), file.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uploaded attachment", e);
        }
    }
}
