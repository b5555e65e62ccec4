package io.leadreach.attachment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * Decides a file's type from its bytes alone.
 *
 * <p>Tika core's magic detection names the type; its name is never consulted. Where magic can only
 * name a container, the container's own index decides:
 * <ul>
 *   <li>a zip (Tika: {@code application/zip} or {@code application/x-tika-ooxml}) is an Office Open
 *       XML document if its central directory lists {@code [Content_Types].xml}, and then a Word,
 *       Excel or PowerPoint one by its {@code word/}, {@code xl/} or {@code ppt/} entries; with a
 *       {@code vbaProject.bin} it is the macro-enabled variant ({@code .docm}, ...);</li>
 *   <li>an OLE2 compound file ({@code application/x-tika-msoffice}) is a Word, Excel or PowerPoint
 *       binary document if its root holds a {@code WordDocument}, {@code Workbook}/{@code Book}
 *       or {@code PowerPoint Document} stream.</li>
 * </ul>
 * A container that matches none of these is named by its generic type ({@code application/zip},
 * {@code application/x-tika-ooxml}, {@code application/x-tika-msoffice}), which no policy should
 * allow, or by Tika's more specific name for a non-Office container (OpenDocument, EPUB, ...).
 */
final class ContentTypes {

    static final String PDF = "application/pdf";
    static final String JPEG = "image/jpeg";
    static final String PNG = "image/png";
    static final String DOC = "application/msword";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String DOCM = "application/vnd.ms-word.document.macroenabled.12";
    static final String XLS = "application/vnd.ms-excel";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String XLSM = "application/vnd.ms-excel.sheet.macroenabled.12";
    static final String PPT = "application/vnd.ms-powerpoint";
    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    static final String PPTM = "application/vnd.ms-powerpoint.presentation.macroenabled.12";
    static final String OCTET_STREAM = "application/octet-stream";

    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();
    private static final MediaTypeRegistry REGISTRY = TYPES.getMediaTypeRegistry();
    private static final MediaType OLE2 = MediaType.application("x-tika-msoffice");
    private static final MediaType OOXML = MediaType.application("x-tika-ooxml");
    private static final Set<String> OFFICE_BINARY = Set.of(DOC, XLS, PPT);

    private ContentTypes() {
    }

    /** The type of {@code bytes}, lower-case and without parameters. */
    static String detect(byte[] bytes) {
        MediaType magic;
        try {
            magic = TYPES.detect(new ByteArrayInputStream(bytes), new Metadata());
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory failed", e);
        }
        MediaType base = magic.getBaseType();
        String byMagic = canonical(base.toString());
        if (REGISTRY.isInstanceOf(base, MediaType.APPLICATION_ZIP)) {
            // Office types are only ever named from the central directory; any other zip-based type
            // Tika's magic recognises (OpenDocument, EPUB, ...) keeps Tika's name.
            return ZipDirectory.entryNames(bytes).flatMap(ContentTypes::officeOpenXml)
                    .orElse(REGISTRY.isInstanceOf(base, OOXML) ? OOXML.toString() : byMagic);
        }
        if (REGISTRY.isInstanceOf(base, OLE2)) {
            return Ole2Directory.topLevelNames(bytes).flatMap(ContentTypes::officeBinary)
                    .orElse(OFFICE_BINARY.contains(byMagic) ? OLE2.toString() : byMagic);
        }
        return byMagic;
    }

    /** The type a file name suggests by its extension, or {@value #OCTET_STREAM} if none. */
    static String typeForName(String filename) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        try {
            return canonical(TYPES.detect(null, metadata).getBaseType().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("name lookup cannot read", e);
        }
    }

    /** The extensions (lower-case, dot included) known for a type; empty if none. */
    static List<String> extensionsOf(String type) {
        return mimeType(type).map(MimeType::getExtensions).orElse(List.of());
    }

    /** The usual extension of a type (such as {@code .jpg}), or empty if it has none. */
    static String preferredExtension(String type) {
        return mimeType(type).map(MimeType::getExtension).orElse("");
    }

    /** The canonical spelling of a type name: lower-case, without parameters, aliases resolved. */
    static String canonical(String type) {
        MediaType parsed = MediaType.parse(type.strip().toLowerCase(Locale.ROOT));
        if (parsed == null) {
            throw new IllegalArgumentException("not a MIME type: " + type);
        }
        return REGISTRY.normalize(parsed.getBaseType()).toString();
    }

    private static Optional<MimeType> mimeType(String type) {
        try {
            return Optional.of(TYPES.forName(type));
        } catch (MimeTypeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> officeOpenXml(List<String> entries) {
        if (!entries.contains("[Content_Types].xml")) {
            return Optional.empty();
        }
        if (hasFolder(entries, "word/")) {
            return Optional.of(entries.contains("word/vbaProject.bin") ? DOCM : DOCX);
        }
        if (hasFolder(entries, "xl/")) {
            return Optional.of(entries.contains("xl/vbaProject.bin") ? XLSM : XLSX);
        }
        if (hasFolder(entries, "ppt/")) {
            return Optional.of(entries.contains("ppt/vbaProject.bin") ? PPTM : PPTX);
        }
        return Optional.empty();
    }

    private static boolean hasFolder(List<String> entries, String folder) {
        return entries.stream().anyMatch(name -> name.startsWith(folder) && name.length() > folder.length());
    }

    private static Optional<String> officeBinary(Set<String> names) {
        if (names.contains("WordDocument")) {
            return Optional.of(DOC);
        }
        if (names.contains("Workbook") || names.contains("Book")) {
            return Optional.of(XLS);
        }
        if (names.contains("PowerPoint Document")) {
            return Optional.of(PPT);
        }
        return Optional.empty();
    }
}
