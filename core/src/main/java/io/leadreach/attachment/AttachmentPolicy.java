package io.leadreach.attachment;

import io.leadreach.ValidationException;
import io.leadreach.ValidationException.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which files may be attached: a size limit and a set of allowed MIME types, where a file's type is
 * decided by its <em>bytes</em>, never by its name. Immutable and thread-safe.
 *
 * <pre>{@code
 * AttachmentPolicy policy = AttachmentPolicy.custom()
 *         .maxSize(2 * 1024 * 1024)
 *         .allowedTypes("application/pdf", "image/png")
 *         .build();
 * AcceptedFile file = policy.check(new AttachmentUpload("quote.pdf", bytes));
 * }</pre>
 *
 * <h2>How a file is checked</h2>
 * {@link #check(AttachmentUpload)} refuses with a {@link ValidationException} on field
 * {@value #FIELD}, listing every reason that applies:
 * <ul>
 *   <li>{@value #BAD_FILENAME}: the name is refused by {@link FileNames#sanitize(String)};</li>
 *   <li>{@value #EMPTY}: the file has no bytes;</li>
 *   <li>{@value #TOO_LARGE}: it is larger than {@link #maxSize()};</li>
 *   <li>{@value #TYPE_NOT_ALLOWED}: the type detected from its bytes is not allowed. Detection is
 *       Tika core's magic; a zip or OLE2 container is named by its own index (so a DOCX is a zip
 *       holding {@code [Content_Types].xml} and {@code word/} parts, and a DOC an OLE2 file with a
 *       {@code WordDocument} stream). An executable is refused whatever it is called;</li>
 *   <li>{@value #TYPE_MISMATCH}: the bytes are of an allowed type but the name's extension names
 *       another allowed type (PNG bytes called {@code offer.pdf}).</li>
 * </ul>
 *
 * <h2>The file name of an accepted file</h2>
 * The name is sanitised; then its extension must agree with the detected type:
 * <ul>
 *   <li>an extension that is one of the type's own ({@code .jpg}, {@code .jpeg}, {@code .JPG}, ...
 *       for JPEG) is kept as written;</li>
 *   <li>an extension that names another allowed type is refused ({@value #TYPE_MISMATCH}): the
 *       sender believed they were attaching something else, and the recipient's phone would open
 *       it with the wrong app;</li>
 *   <li>no extension, or one that names no allowed type ({@code scan}, {@code upload.tmp}), gets
 *       the type's usual extension appended ({@code scan.pdf}, {@code upload.tmp.pdf}), so the
 *       recipient's phone opens it with the right app.</li>
 * </ul>
 */
public final class AttachmentPolicy {

    /** The default size limit: 5 MiB, WhatsApp's limit for images. */
    public static final long DEFAULT_MAX_SIZE = 5L * 1024 * 1024;

    /** The default allowed types: PDF, JPEG, PNG, DOC and DOCX. */
    public static final Set<String> DEFAULT_ALLOWED_TYPES = Set.of(
            ContentTypes.PDF, ContentTypes.JPEG, ContentTypes.PNG, ContentTypes.DOC, ContentTypes.DOCX);

    /** The field every refusal names. */
    public static final String FIELD = "attachment";
    /** The file has no bytes. */
    public static final String EMPTY = "empty";
    /** The file is larger than the limit. */
    public static final String TOO_LARGE = "too_large";
    /** The file's type, decided by its bytes, is not allowed. */
    public static final String TYPE_NOT_ALLOWED = "type_not_allowed";
    /** The file's extension names another allowed type than its bytes are. */
    public static final String TYPE_MISMATCH = "type_mismatch";
    /** The file name is refused; see {@link FileNames}. */
    public static final String BAD_FILENAME = FileNames.BAD_FILENAME;

    private static final AttachmentPolicy DEFAULTS = custom().build();

    private final long maxSize;
    private final Set<String> allowedTypes;

    private AttachmentPolicy(Builder builder) {
        this.maxSize = builder.maxSize;
        this.allowedTypes = Set.copyOf(builder.allowedTypes);
    }

    /** The default policy: {@link #DEFAULT_MAX_SIZE}, {@link #DEFAULT_ALLOWED_TYPES}. */
    public static AttachmentPolicy ofDefaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** A builder starting from {@code policy}'s settings. */
    public static Builder from(AttachmentPolicy policy) {
        return new Builder().maxSize(policy.maxSize).allowedTypes(policy.allowedTypes);
    }

    /** The largest file accepted, in bytes. */
    public long maxSize() {
        return maxSize;
    }

    /** The MIME types accepted (canonical, lower-case). */
    public Set<String> allowedTypes() {
        return allowedTypes;
    }

    /**
     * Checks an upload and describes it.
     *
     * @return the sanitised name, the detected type, size and SHA-256 of the upload's bytes
     * @throws ValidationException if the file is refused (see the class comment for the codes)
     */
    public AcceptedFile check(AttachmentUpload upload) {
        Objects.requireNonNull(upload, "upload");
        byte[] bytes = upload.content();
        List<FieldError> errors = new ArrayList<>(2);

        String name = null;
        try {
            name = FileNames.sanitize(upload.filename());
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }

        String type = null;
        if (bytes.length == 0) {
            errors.add(error(EMPTY, "the file is empty"));
        } else if (bytes.length > maxSize) {
            errors.add(error(TOO_LARGE, "the file is " + bytes.length + " bytes; at most " + maxSize + " are allowed"));
        } else {
            type = ContentTypes.detect(bytes);
            if (!allowedTypes.contains(type)) {
                errors.add(error(TYPE_NOT_ALLOWED, "files of type " + type + " are not allowed; allowed are "
                        + String.join(", ", allowedTypes.stream().sorted().toList())));
                type = null;
            }
        }

        String filename = null;
        if (name != null && type != null) {
            filename = nameFor(name, type);
            if (filename == null) {
                errors.add(error(TYPE_MISMATCH, "the file's content is " + type + " but its name says "
                        + ContentTypes.typeForName(name)));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new AcceptedFile(filename, type, bytes.length, AcceptedFile.sha256Hex(bytes));
    }

    /** The name to keep for a file of {@code type}, or null if its extension names another allowed type. */
    private String nameFor(String name, String type) {
        String extension = FileNames.extension(name);
        if (!extension.isEmpty() && ContentTypes.extensionsOf(type).contains(extension)) {
            return name;
        }
        String named = ContentTypes.typeForName(name);
        if (!named.equals(type) && allowedTypes.contains(named)) {
            return null;
        }
        String usual = ContentTypes.preferredExtension(type);
        return usual.isEmpty() ? name : FileNames.withExtension(name, usual);
    }

    private static FieldError error(String code, String message) {
        return new FieldError(FIELD, code, message);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttachmentPolicy other && maxSize == other.maxSize
                && allowedTypes.equals(other.allowedTypes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxSize, allowedTypes);
    }

    @Override
    public String toString() {
        return "AttachmentPolicy[maxSize=" + maxSize + ", allowedTypes=" + allowedTypes.stream().sorted().toList() + "]";
    }

    /** Builds an {@link AttachmentPolicy}; starts from the defaults. */
    public static final class Builder {

        private long maxSize = DEFAULT_MAX_SIZE;
        private Set<String> allowedTypes = DEFAULT_ALLOWED_TYPES;

        private Builder() {
        }

        /** The largest file accepted, in bytes; must be positive. */
        public Builder maxSize(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxSize must be positive: " + bytes);
            }
            this.maxSize = bytes;
            return this;
        }

        /**
         * The MIME types accepted, replacing the current set; at least one. Names are canonicalised
         * (lower-case, parameters dropped). Besides any type Tika core detects by magic, the Office
         * types {@code .doc/.docx/.docm}, {@code .xls/.xlsx/.xlsm}, {@code .ppt/.pptx/.pptm} are
         * recognised from their container's index.
         */
        public Builder allowedTypes(Collection<String> types) {
            Set<String> canonical = new LinkedHashSet<>();
            for (String type : types) {
                canonical.add(ContentTypes.canonical(Objects.requireNonNull(type, "type")));
            }
            if (canonical.isEmpty()) {
                throw new IllegalArgumentException("at least one type must be allowed");
            }
            this.allowedTypes = canonical;
            return this;
        }

        /** The MIME types accepted, replacing the current set; see {@link #allowedTypes(Collection)}. */
        public Builder allowedTypes(String... types) {
            return allowedTypes(Arrays.asList(types));
        }

        /** The policy. */
        public AttachmentPolicy build() {
            return new AttachmentPolicy(this);
        }
    }
}
