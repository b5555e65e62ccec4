package io.leadreach.whatsapp.internal;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.leadreach.attachment.StoredAttachment;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.MediaFile;
import io.leadreach.transport.SendOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Uploads media ({@code POST /{phone-number-id}/media}, multipart) and remembers the ids in a
 * Caffeine cache keyed by the file's SHA-256, so each file is uploaded once while its id lives.
 * Concurrent requests for the same file share one upload; a failed upload is not cached.
 */
public final class MediaUploader {

    private static final Logger log = LoggerFactory.getLogger(MediaUploader.class);

    /** An upload that did not produce an id; carries the outcome to report for the send. */
    public static final class UploadFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient SendOutcome.Rejected rejection;

        UploadFailedException(SendOutcome.Rejected rejection) {
            super(rejection.code() + ": " + rejection.message(), null, false, false);
            this.rejection = rejection;
        }

        /** Why the send that needed this upload did not go out. */
        public SendOutcome.Rejected rejection() {
            return rejection;
        }
    }

    private final GraphHttp http;
    private final URI uploadUri;
    private final Clock clock;
    /** An upload's result: an id or why there is none. Failures are results, not exceptions, so Caffeine does not log them. */
    private record Upload(String id, SendOutcome.Rejected rejection) {
    }

    private final AsyncCache<String, Upload> ids;

    /** An uploader with its own cache. */
    public MediaUploader(GraphHttp http, URI uploadUri, Duration ttl, int maxEntries, Clock clock) {
        this.http = http;
        this.uploadUri = uploadUri;
        this.clock = clock;
        this.ids = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).buildAsync();
    }

    /**
     * The media id for a file: the cached one, or a new upload. The future fails with an
     * {@link UploadFailedException} when no id could be had.
     */
    public CompletableFuture<String> mediaId(MediaFile file) {
        String key = file.attachment().sha256();
        CompletableFuture<Upload> upload = ids.get(key, (k, executor) -> upload(file));
        return upload.thenApply(result -> {
            if (result.rejection() != null) {
                // Not cached: the next send tries again.
                ids.asMap().remove(key, upload);
                throw new CompletionException(new UploadFailedException(result.rejection()));
            }
            return result.id();
        });
    }

    /** How many ids are cached now (for tests and metrics). */
    public long cachedCount() {
        return ids.synchronous().estimatedSize();
    }

    private CompletableFuture<Upload> upload(MediaFile file) {
        try {
            StoredAttachment attachment = file.attachment();
            String mimeType = MediaRules.baseType(attachment.mimeType());
            String problem = MediaRules.problem(mimeType, attachment.size());
            if (problem != null) {
                return failed(ErrorClass.PERMANENT, "UNSUPPORTED_MEDIA", problem);
            }
            byte[] bytes;
            try {
                bytes = file.readAllBytes();
            } catch (IOException e) {
                return failed(ErrorClass.RETRYABLE, "MEDIA_READ_FAILED",
                        "could not read attachment " + attachment.id() + ": " + Outcomes.describe(e));
            }
            problem = MediaRules.problem(mimeType, bytes.length);
            if (problem != null) {
                return failed(ErrorClass.PERMANENT, "UNSUPPORTED_MEDIA", problem);
            }
            HttpEntity entity = MultipartEntityBuilder.create()
                    .setMode(HttpMultipartMode.EXTENDED)
                    .setCharset(StandardCharsets.UTF_8)
                    .addTextBody("messaging_product", "whatsapp")
                    .addTextBody("type", mimeType)
                    .addBinaryBody("file", bytes, ContentType.create(mimeType), attachment.filename())
                    .build();
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 512);
            entity.writeTo(out);
            ContentType contentType = ContentType.parse(entity.getContentType());
            return http.post(uploadUri, out.toByteArray(), contentType).thenApply(this::idOf);
        } catch (IOException | RuntimeException e) {
            return failed(ErrorClass.RETRYABLE, "UPLOAD_FAILED", "media upload could not be prepared: "
                    + Outcomes.describe(e));
        }
    }

    private Upload idOf(GraphHttp.Result result) {
        if (result instanceof GraphHttp.Failure) {
            GraphHttp.Failure failure = (GraphHttp.Failure) result;
            // Whatever became of the upload, no message went out: a retry is safe.
            return new Upload(null, new SendOutcome.Rejected(ErrorClass.RETRYABLE,
                    "UPLOAD_FAILED", "media upload failed: " + Outcomes.describe(failure.cause()), null, null));
        }
        GraphHttp.Response response = (GraphHttp.Response) result;
        JsonNode json = Json.tryParse(response.body());
        String id = json == null ? null : Json.nonBlank(json.path("id"));
        if (response.status() >= 200 && response.status() < 300 && id != null) {
            log.debug("uploaded media {}", id);
            return new Upload(id, null);
        }
        String raw = Json.preview(response.body(), 4000);
        SendOutcome.Rejected rejected = Outcomes.errorObject(json, response, clock, raw);
        if (rejected == null) {
            SendOutcome outcome = Outcomes.ofUnreadable(response.status(), "media upload answered HTTP "
                    + response.status() + " with " + Outcomes.describeBody(json, response.body()), null, raw);
            rejected = outcome instanceof SendOutcome.Rejected ? (SendOutcome.Rejected) outcome
                    : new SendOutcome.Rejected(ErrorClass.RETRYABLE, "UPLOAD_FAILED",
                            "media upload answered HTTP " + response.status() + " without a media id", null, raw);
        }
        return new Upload(null, rejected);
    }

    private static CompletableFuture<Upload> failed(ErrorClass errorClass, String code, String message) {
        return CompletableFuture.completedFuture(
                new Upload(null, new SendOutcome.Rejected(errorClass, code, message, null, null)));
    }
}
