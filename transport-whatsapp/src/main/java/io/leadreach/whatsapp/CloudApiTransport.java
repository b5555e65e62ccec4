package io.leadreach.whatsapp;

import io.leadreach.ValidationException;
import io.leadreach.attachment.MediaKind;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.MediaFile;
import io.leadreach.transport.MessageContent;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import io.leadreach.transport.WhatsAppTransport;
import io.leadreach.whatsapp.internal.GraphHttp;
import io.leadreach.whatsapp.internal.MediaUploader;
import io.leadreach.whatsapp.internal.Outcomes;
import io.leadreach.whatsapp.internal.Payloads;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.hc.core5.http.ContentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages through Meta's WhatsApp Business Cloud API: the {@link WhatsAppTransport} for
 * real WhatsApp numbers.
 *
 * <pre>{@code
 * try (CloudApiTransport transport = CloudApiTransport.create(config)) {
 *     SendOutcome outcome = transport.send(new OutboundMessage("+15550100001", "corr-1",
 *             new MessageContent.Text("Hello!", false))).toCompletableFuture().join();
 * }
 * }</pre>
 *
 * <p>What it does on each send:
 * <ul>
 *   <li>Builds the Cloud API payload (text with {@code preview_url}; image, document with
 *       {@code filename}, video or audio by uploaded media id with a caption; templates with header
 *       media, body parameters and quick-reply payloads), always with
 *       {@code biz_opaque_callback_data} set to the message's correlation id.</li>
 *   <li>Uploads media once per file (keyed by its SHA-256) and reuses the id for
 *       {@link CloudApiConfig#mediaIdTtl()}; concurrent sends of one file share one upload.</li>
 *   <li>Maps the answer onto a {@link SendOutcome}: Meta's error {@code code} decides the
 *       {@link ErrorClass} (not the HTTP status), {@code Retry-After} is honoured; a failure before
 *       the request was written is {@link ErrorClass#RETRYABLE}, a timeout or reset after it was
 *       written is {@link SendOutcome.Unknown}, as is a 2xx without a message id.</li>
 *   <li>Refuses locally, as {@link ErrorClass#PERMANENT} and without a request, what Meta would
 *       certainly refuse: a malformed number, text over 4096 or captions over 1024 characters, a
 *       caption on audio, an unsupported media type or size.</li>
 * </ul>
 *
 * <p>{@link #send} never throws and its stage always completes. The transport is thread-safe and
 * holds a pooled asynchronous HTTP client: create one per business number and {@link #close()} it
 * when done. The access token is never logged by this class; keep HttpClient's own header wire
 * logging ({@code org.apache.hc.client5.http.headers}) off in production, as it would print it.
 */
public final class CloudApiTransport implements WhatsAppTransport, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CloudApiTransport.class);

    /** The longest text body the Cloud API takes. */
    public static final int MAX_TEXT_LENGTH = 4096;
    /** The longest media caption the Cloud API takes. */
    public static final int MAX_CAPTION_LENGTH = 1024;
    /** The longest {@code biz_opaque_callback_data} the Cloud API takes. */
    public static final int MAX_CORRELATION_ID_LENGTH = 512;

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final CloudApiConfig config;
    private final Clock clock;
    private final GraphHttp http;
    private final URI messagesUri;
    private final MediaUploader uploader;

    private CloudApiTransport(CloudApiConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = new GraphHttp(config);
        this.messagesUri = graphUri(config, config.phoneNumberId(), "messages");
        this.uploader = new MediaUploader(http, graphUri(config, config.phoneNumberId(), "media"),
                config.mediaIdTtl(), config.mediaCacheSize(), clock);
    }

    /** A transport for the configured number, using the system clock. */
    public static CloudApiTransport create(CloudApiConfig config) {
        return create(config, Clock.systemUTC());
    }

    /** A transport whose clock reads {@code Retry-After} dates (tests pass a fixed one). */
    public static CloudApiTransport create(CloudApiConfig config, Clock clock) {
        return new CloudApiTransport(config, clock);
    }

    /** The configuration it was built with. */
    public CloudApiConfig config() {
        return config;
    }

    /** The phone number id, the key of the engine's per-sender throttle. */
    @Override
    public String senderId() {
        return config.phoneNumberId();
    }

    @Override
    public CompletionStage<SendOutcome> send(OutboundMessage message) {
        CompletableFuture<SendOutcome> outcome;
        try {
            outcome = dispatch(message);
        } catch (RuntimeException | Error e) {
            log.warn("send {} failed before any request: {}", message == null ? null : message.correlationId(),
                    Outcomes.describe(e));
            outcome = CompletableFuture.completedFuture(new SendOutcome.Rejected(ErrorClass.PERMANENT,
                    "CLIENT_ERROR", "the message could not be prepared: " + Outcomes.describe(e), null, null));
        }
        return outcome.exceptionally(CloudApiTransport::unexpected);
    }

    private CompletableFuture<SendOutcome> dispatch(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        SendOutcome.Rejected refused = checkLocally(message);
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        MessageContent content = message.content();
        if (content instanceof MessageContent.Text) {
            return post(Payloads.text(message, (MessageContent.Text) content));
        }
        if (content instanceof MessageContent.Media) {
            MessageContent.Media media = (MessageContent.Media) content;
            return withMedia(media.file(), id -> post(Payloads.media(message, media, id)));
        }
        MessageContent.Template template = (MessageContent.Template) content;
        if (template.headerMedia() == null) {
            return post(Payloads.template(message, template, null));
        }
        return withMedia(template.headerMedia(), id -> post(Payloads.template(message, template, id)));
    }

    /**
     * The media id for a file, uploading it if this transport holds none yet. Hosts may call this
     * before a bulk send so the first sends do not wait for the upload.
     *
     * @return a stage completing with the id, or failing with an exception whose message says why
     */
    public CompletionStage<String> mediaId(MediaFile file) {
        return uploader.mediaId(file);
    }

    /** How many uploaded media ids are cached. */
    public long cachedMediaIds() {
        return uploader.cachedCount();
    }

    /**
     * A template lister for the configured WhatsApp Business Account, sharing this transport's
     * HTTP client (closing the transport closes it).
     *
     * @throws ValidationException when {@code wabaId} is not configured
     */
    public TemplateSync templateSync() {
        if (config.wabaId() == null) {
            throw new ValidationException("wabaId", "missing", "wabaId is required to list message templates");
        }
        return new TemplateSync(http, graphUri(config, config.wabaId(), "message_templates"));
    }

    /** Closes the HTTP client; sends still in flight complete as failures. */
    @Override
    public void close() {
        http.close();
    }

    private CompletableFuture<SendOutcome> withMedia(MediaFile file, Function<String, CompletableFuture<SendOutcome>> send) {
        return uploader.mediaId(file).handle((id, error) -> {
            if (error == null) {
                return send.apply(id);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof MediaUploader.UploadFailedException) {
                return CompletableFuture.<SendOutcome>completedFuture(
                        ((MediaUploader.UploadFailedException) cause).rejection());
            }
            return CompletableFuture.<SendOutcome>completedFuture(new SendOutcome.Rejected(ErrorClass.RETRYABLE,
                    "UPLOAD_FAILED", "media upload failed: " + Outcomes.describe(cause), null, null));
        }).thenCompose(Function.identity());
    }

    private CompletableFuture<SendOutcome> post(byte[] payload) {
        return http.post(messagesUri, payload, ContentType.APPLICATION_JSON)
                .thenApply(result -> {
                    SendOutcome outcome = Outcomes.ofSend(result, clock);
                    if (outcome instanceof SendOutcome.Rejected
                            && ((SendOutcome.Rejected) outcome).errorClass() == ErrorClass.CONFIGURATION) {
                        SendOutcome.Rejected r = (SendOutcome.Rejected) outcome;
                        log.warn("Cloud API refused a send for configuration reasons: {} {}", r.code(), r.message());
                    }
                    return outcome;
                });
    }

    private static SendOutcome.Rejected checkLocally(OutboundMessage message) {
        if (!E164.matcher(message.to()).matches()) {
            return refuse("INVALID_RECIPIENT", "recipient is not an E.164 number: " + message.to());
        }
        if (message.correlationId().length() > MAX_CORRELATION_ID_LENGTH) {
            return refuse("CORRELATION_ID_TOO_LONG",
                    "correlation id longer than " + MAX_CORRELATION_ID_LENGTH + " characters");
        }
        MessageContent content = message.content();
        if (content instanceof MessageContent.Text) {
            String body = ((MessageContent.Text) content).body();
            if (body.isBlank()) {
                return refuse("EMPTY_TEXT", "the text is empty");
            }
            int length = body.codePointCount(0, body.length());
            if (length > MAX_TEXT_LENGTH) {
                return refuse("TEXT_TOO_LONG", "text of " + length + " characters exceeds " + MAX_TEXT_LENGTH);
            }
        } else if (content instanceof MessageContent.Media) {
            MessageContent.Media media = (MessageContent.Media) content;
            String caption = media.caption();
            if (caption != null && !caption.isEmpty()) {
                if (media.file().attachment().kind() == MediaKind.AUDIO) {
                    return refuse("CAPTION_NOT_ALLOWED", "audio messages take no caption");
                }
                int length = caption.codePointCount(0, caption.length());
                if (length > MAX_CAPTION_LENGTH) {
                    return refuse("CAPTION_TOO_LONG",
                            "caption of " + length + " characters exceeds " + MAX_CAPTION_LENGTH);
                }
            }
        } else if (content instanceof MessageContent.Template) {
            MessageContent.Template template = (MessageContent.Template) content;
            if (template.name().isBlank() || template.language().isBlank()) {
                return refuse("INVALID_TEMPLATE", "template name and language are required");
            }
            if (template.headerMedia() != null && template.headerMedia().attachment().kind() == MediaKind.AUDIO) {
                return refuse("INVALID_TEMPLATE", "a template header cannot be audio");
            }
        }
        return null;
    }

    private static SendOutcome.Rejected refuse(String code, String message) {
        return new SendOutcome.Rejected(ErrorClass.PERMANENT, code, message, null, null);
    }

    private static SendOutcome unexpected(Throwable error) {
        Throwable cause = error instanceof CompletionException || error instanceof ExecutionException
                ? (error.getCause() == null ? error : error.getCause()) : error;
        log.warn("send ended with an unexpected error: {}", Outcomes.describe(cause));
        // Nothing proves the request was not written at this point.
        return new SendOutcome.Unknown("unexpected error: " + Outcomes.describe(cause));
    }

    static URI graphUri(CloudApiConfig config, String id, String edge) {
        return URI.create(config.baseUrl() + "/" + config.apiVersion() + "/" + id + "/" + edge);
    }
}
