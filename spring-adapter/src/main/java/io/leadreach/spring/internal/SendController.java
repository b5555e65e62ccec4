package io.leadreach.spring.internal;

import io.leadreach.BulkSendResult;
import io.leadreach.LeadWhatsAppService;
import io.leadreach.ValidationException;
import io.leadreach.attachment.AttachmentUpload;
import io.leadreach.sending.JobProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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

    /** How often the job stream reports progress. */
    static final Duration STREAM_INTERVAL = Duration.ofSeconds(1);
    /** How long a job stream stays open at most. */
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final LeadWhatsAppService service;
    private final Actors actors;
    private final ScheduledExecutorService streams = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "leadreach-job-stream");
        t.setDaemon(true);
        return t;
    });

    /** The controller over the service. */
    public SendController(LeadWhatsAppService service, Actors actors) {
        this.service = service;
        this.actors = actors;
    }

    /** Sends a message, with an optional attachment, to one lead. */
    @PostMapping(path = Routes.SEND, consumes = {MediaType.MULTIPART_FORM_DATA_VALUE,
            MediaType.APPLICATION_FORM_URLENCODED_VALUE})
    public Views.SendView send(@PathVariable("lead") long lead,
                               @RequestParam(name = "message", required = false) String message,
                               @RequestParam(name = "attachment", required = false) MultipartFile attachment) {
        return Views.SendView.of(service.sendSingleMessage(actors.current(), lead, message, upload(attachment)));
    }

    /** Sends one message to several leads: per-lead results (200), or a background job (202). */
    @PostMapping(path = Routes.BULK_SEND, consumes = {MediaType.MULTIPART_FORM_DATA_VALUE,
            MediaType.APPLICATION_FORM_URLENCODED_VALUE})
    public ResponseEntity<Object> bulkSend(
            @RequestParam(name = "lead_ids[]", required = false) List<String> bracketed,
            @RequestParam(name = "lead_ids", required = false) List<String> plain,
            @RequestParam(name = "message", required = false) String message,
            @RequestParam(name = "attachment", required = false) MultipartFile attachment,
            jakarta.servlet.http.HttpServletRequest request) {
        // Spring binds "lead_ids" to "lead_ids[]" too when there is no plain one: read the plain
        // name as sent, so that each id (and each bad one) counts once.
        String[] sentPlain = request.getParameterValues("lead_ids");
        List<Long> ids = leadIds(bracketed, sentPlain == null ? null : List.of(sentPlain));
        BulkSendResult result = service.sendBulkMessages(actors.current(), ids, message, upload(attachment));
        if (result.isJob()) {
            String url = Routes.JOB.replace("{id}", String.valueOf(result.jobId()));
            return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(url))
                    .body(new Views.JobAccepted(result.jobId(), "ACTIVE", url));
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
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable stop = () -> {
            ScheduledFuture<?> f = task.get();
            if (f != null) {
                f.cancel(false);
            }
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        if (!emit(emitter, first)) {
            return emitter;
        }
        task.set(streams.scheduleWithFixedDelay(() -> {
            try {
                if (!emit(emitter, service.getJobProgress(actor, id))) {
                    stop.run();
                }
            } catch (RuntimeException e) {
                stop.run();
                emitter.completeWithError(e);
            }
        }, STREAM_INTERVAL.toMillis(), STREAM_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
        return emitter;
    }

    /** Sends one progress event; completes the stream and answers false once the job is finished. */
    private static boolean emit(SseEmitter emitter, JobProgress progress) {
        try {
            emitter.send(SseEmitter.event().name("progress").data(Views.JobView.of(progress), MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            return false;
        }
        if (progress.isFinished()) {
            emitter.complete();
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        streams.shutdownNow();
    }

    /** Lead ids from {@code lead_ids[]} and {@code lead_ids}, each checked to be a number. */
    private static List<Long> leadIds(List<String> bracketed, List<String> plain) {
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
