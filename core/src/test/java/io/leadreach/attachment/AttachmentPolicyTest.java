package io.leadreach.attachment;

import static io.leadreach.attachment.TestFiles.storage;
import static io.leadreach.attachment.TestFiles.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.ValidationException;
import io.leadreach.ValidationException.FieldError;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttachmentPolicyTest {

    private static final String PDF = "application/pdf";
    private static final String DOC = "application/msword";
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final AttachmentPolicy policy = AttachmentPolicy.ofDefaults();

    static Stream<Arguments> allowedFiles() {
        return Stream.of(
                Arguments.of("quote.pdf", (Supplier<byte[]>) TestFiles::pdf, PDF),
                Arguments.of("photo.jpg", (Supplier<byte[]>) TestFiles::jpeg, "image/jpeg"),
                Arguments.of("chart.png", (Supplier<byte[]>) TestFiles::png, "image/png"),
                Arguments.of("letter.doc", (Supplier<byte[]>) TestFiles::doc, DOC),
                Arguments.of("letter.docx", (Supplier<byte[]>) TestFiles::docx, DOCX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowedFiles")
    void eachDefaultTypeIsAcceptedAndDescribed(String name, Supplier<byte[]> bytes, String type) throws Exception {
        byte[] content = bytes.get();

        AcceptedFile file = policy.check(new AttachmentUpload(name, content));

        assertThat(file.filename()).isEqualTo(name);
        assertThat(file.mimeType()).isEqualTo(type);
        assertThat(file.size()).isEqualTo(content.length);
        assertThat(file.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    }

    @Test
    void defaultsAreFiveMebibytesAndTheFiveDocumentTypes() {
        assertThat(policy.maxSize()).isEqualTo(5 * 1024 * 1024).isEqualTo(AttachmentPolicy.DEFAULT_MAX_SIZE);
        assertThat(policy.allowedTypes()).containsExactlyInAnyOrder(
                PDF, "image/jpeg", "image/png", DOC, DOCX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"invoice.pdf", "invoice.PDF", "invoice", "invoice.doc.pdf"})
    void windowsExecutableIsRefusedWhateverItIsCalled(String name) {
        assertRefused(new AttachmentUpload(name, TestFiles.windowsExecutable()), AttachmentPolicy.TYPE_NOT_ALLOWED);
    }

    @Test
    void elfExecutableNamedPdfIsRefused() {
        assertRefused(new AttachmentUpload("invoice.pdf", TestFiles.elfExecutable()), AttachmentPolicy.TYPE_NOT_ALLOWED);
    }

    @Test
    void htmlNamedJpegIsRefused() {
        assertRefused(new AttachmentUpload("photo.jpg", TestFiles.html()), AttachmentPolicy.TYPE_NOT_ALLOWED);
    }

    @Test
    void plainZipNamedDocxIsRefused() {
        ValidationException e = assertRefused(
                new AttachmentUpload("letter.docx", TestFiles.zip("readme.txt", "word.txt")),
                AttachmentPolicy.TYPE_NOT_ALLOWED);
        assertThat(e.getMessage()).contains("application/zip");
    }

    @Test
    void zipWithContentTypesButNoWordPartsIsNotADocx() {
        assertRefused(new AttachmentUpload("letter.docx", TestFiles.zip("[Content_Types].xml", "word/")),
                AttachmentPolicy.TYPE_NOT_ALLOWED);
        assertRefused(new AttachmentUpload("letter.docx", TestFiles.zip("word/document.xml")),
                AttachmentPolicy.TYPE_NOT_ALLOWED);
    }

    @Test
    void macroEnabledWordDocumentNamedDocxIsRefused() {
        ValidationException e = assertRefused(new AttachmentUpload("letter.docx", TestFiles.docm()),
                AttachmentPolicy.TYPE_NOT_ALLOWED);
        assertThat(e.getMessage()).contains("macroenabled");
    }

    @Test
    void docxIsRecognisedWhateverEntryComesFirst() {
        byte[] reordered = TestFiles.zip("word/document.xml", "docProps/app.xml", "[Content_Types].xml");

        assertThat(policy.check(new AttachmentUpload("letter.docx", reordered)).mimeType()).isEqualTo(DOCX);
    }

    @Test
    void zipWithTruncatedCentralDirectoryIsRefused() {
        byte[] docx = TestFiles.docx();
        byte[] truncated = Arrays.copyOf(docx, docx.length - 10);

        assertRefused(new AttachmentUpload("letter.docx", truncated), AttachmentPolicy.TYPE_NOT_ALLOWED);
    }

    @Test
    void spreadsheetNamedDocIsRefused() {
        ValidationException e = assertRefused(new AttachmentUpload("letter.doc", TestFiles.xls()),
                AttachmentPolicy.TYPE_NOT_ALLOWED);
        assertThat(e.getMessage()).contains("application/vnd.ms-excel");
    }

    @Test
    void wordDocumentEmbeddedInASpreadsheetDoesNotMakeItAWordDocument() {
        byte[] spreadsheet = TestFiles.ole2(9,
                stream("Workbook"), storage("MBD0001", stream("WordDocument"), stream("1Table")));

        assertRefused(new AttachmentUpload("letter.doc", spreadsheet), AttachmentPolicy.TYPE_NOT_ALLOWED);
    }

    @Test
    void wordDocumentWithLargeSectorsAndManyEntriesIsRecognised() {
        TestFiles.OleNode[] entries = new TestFiles.OleNode[40];
        for (int i = 0; i < entries.length - 1; i++) {
            entries[i] = stream("Stream" + i);
        }
        entries[entries.length - 1] = stream("WordDocument");

        assertThat(policy.check(new AttachmentUpload("big.doc", TestFiles.ole2(12, entries))).mimeType()).isEqualTo(DOC);
        assertThat(policy.check(new AttachmentUpload("small.doc", TestFiles.ole2(9, entries))).mimeType()).isEqualTo(DOC);
    }

    @Test
    void oleFileWithCorruptDirectoryIsRefused() {
        byte[] doc = TestFiles.doc();
        Arrays.fill(doc, 512, doc.length, (byte) 0x7F); // FAT and directory overwritten

        assertRefused(new AttachmentUpload("letter.doc", doc), AttachmentPolicy.TYPE_NOT_ALLOWED);
    }

    @Test
    @Timeout(5)
    void oleFileWithCyclicDirectoryIsRefused() {
        byte[] doc = TestFiles.ole2(9, stream("1Table"), stream("WordDocument"));
        // the second child's right sibling points back at the first: a cycle, so the file is corrupt
        int second = 2 * 512 + 2 * 128;
        doc[second + 0x48] = 1;
        doc[second + 0x49] = 0;
        doc[second + 0x4A] = 0;
        doc[second + 0x4B] = 0;

        assertRefused(new AttachmentUpload("letter.doc", doc), AttachmentPolicy.TYPE_NOT_ALLOWED);
    }

    @Test
    void pngNamedPdfIsAMismatch() {
        ValidationException e = assertRefused(new AttachmentUpload("offer.pdf", TestFiles.png()),
                AttachmentPolicy.TYPE_MISMATCH);
        assertThat(e.getMessage()).contains("image/png").contains("application/pdf");
    }

    @Test
    void docNamedDocxIsAMismatch() {
        assertRefused(new AttachmentUpload("letter.docx", TestFiles.doc()), AttachmentPolicy.TYPE_MISMATCH);
        assertRefused(new AttachmentUpload("letter.doc", TestFiles.docx()), AttachmentPolicy.TYPE_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"photo.jpg", "photo.jpeg", "photo.JPG", "photo.Jpeg", "photo.jfif"})
    void everyExtensionOfTheDetectedTypeIsKeptAsWritten(String name) {
        assertThat(policy.check(new AttachmentUpload(name, TestFiles.jpeg())).filename()).isEqualTo(name);
    }

    @Test
    void nameWithoutAllowedExtensionGetsTheTypesUsualExtension() {
        assertThat(checkPdfNamed("scan")).isEqualTo("scan.pdf");
        assertThat(checkPdfNamed("upload.tmp")).isEqualTo("upload.tmp.pdf");
        assertThat(checkPdfNamed("offer.exe")).isEqualTo("offer.exe.pdf");
        assertThat(policy.check(new AttachmentUpload("photo", TestFiles.jpeg())).filename()).isEqualTo("photo.jpg");
        assertThat(policy.check(new AttachmentUpload("letter", TestFiles.docx())).filename()).isEqualTo("letter.docx");
    }

    @Test
    void appendedExtensionStaysWithinTheLengthLimit() {
        String name = checkPdfNamed("n".repeat(FileNames.MAX_LENGTH));

        assertThat(name).hasSize(FileNames.MAX_LENGTH).endsWith("n.pdf");
    }

    @Test
    void fileNameIsSanitised() {
        assertThat(checkPdfNamed("  ..Quote: March*.pdf")).isEqualTo("Quote_ March_.pdf");
    }

    @Test
    void emptyFileIsRefused() {
        assertRefused(new AttachmentUpload("quote.pdf", new byte[0]), AttachmentPolicy.EMPTY);
    }

    @Test
    void fileOfExactlyTheLimitIsAccepted() {
        byte[] bytes = TestFiles.pdfOfSize((int) AttachmentPolicy.DEFAULT_MAX_SIZE);

        assertThat(policy.check(new AttachmentUpload("big.pdf", bytes)).size()).isEqualTo(AttachmentPolicy.DEFAULT_MAX_SIZE);
    }

    @Test
    void fileOneByteOverTheLimitIsRefused() {
        byte[] bytes = TestFiles.pdfOfSize((int) AttachmentPolicy.DEFAULT_MAX_SIZE + 1);

        ValidationException e = assertRefused(new AttachmentUpload("big.pdf", bytes), AttachmentPolicy.TOO_LARGE);
        assertThat(e.getMessage()).contains("5242881").contains("5242880");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd.pdf", "..\\boot.ini", "dir/quote.pdf", "quote\0.pdf", "..", " "})
    void badFileNameIsRefused(String name) {
        assertRefused(new AttachmentUpload(name, TestFiles.pdf()), AttachmentPolicy.BAD_FILENAME);
    }

    @Test
    void nullFileNameIsRefused() {
        assertRefused(new AttachmentUpload(null, TestFiles.pdf()), AttachmentPolicy.BAD_FILENAME);
    }

    @Test
    void everyApplicableReasonIsReported() {
        ValidationException e = catchValidation(new AttachmentUpload("../x.pdf", TestFiles.windowsExecutable()));

        assertThat(e.errors()).extracting(FieldError::field).containsOnly("attachment");
        assertThat(e.errors()).extracting(FieldError::code)
                .containsExactly(AttachmentPolicy.BAD_FILENAME, AttachmentPolicy.TYPE_NOT_ALLOWED);
    }

    @Test
    void checkSeesTheBytesAsTheyWereWhenTheUploadWasMade() {
        byte[] bytes = TestFiles.pdf();
        AttachmentUpload upload = new AttachmentUpload("quote.pdf", bytes);
        Arrays.fill(bytes, (byte) 'M');

        assertThat(policy.check(upload).mimeType()).isEqualTo(PDF);
        assertThat(upload.bytes()).isEqualTo(TestFiles.pdf()).isNotSameAs(upload.bytes());
    }

    @Test
    void customPolicyAppliesItsOwnLimitAndTypes() {
        AttachmentPolicy custom = AttachmentPolicy.custom()
                .maxSize(1024)
                .allowedTypes("image/png", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .build();

        assertThat(custom.check(new AttachmentUpload("chart.png", TestFiles.png())).mimeType()).isEqualTo("image/png");
        assertThat(custom.check(new AttachmentUpload("sheet.xlsx", TestFiles.xlsx())).filename()).isEqualTo("sheet.xlsx");
        assertThatThrownBy(() -> custom.check(new AttachmentUpload("quote.pdf", TestFiles.pdf())))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.hasCode(AttachmentPolicy.TYPE_NOT_ALLOWED)).isTrue());
        assertThatThrownBy(() -> custom.check(new AttachmentUpload("chart.png", TestFiles.pdfOfSize(1025))))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.hasCode(AttachmentPolicy.TOO_LARGE)).isTrue());
    }

    @Test
    void pdfNamedPngIsOnlyAMismatchWhenPngIsAllowed() {
        AttachmentPolicy pdfOnly = AttachmentPolicy.custom().allowedTypes(PDF).build();

        assertThat(pdfOnly.check(new AttachmentUpload("offer.png", TestFiles.pdf())).filename()).isEqualTo("offer.png.pdf");
        assertRefused(new AttachmentUpload("offer.png", TestFiles.pdf()), AttachmentPolicy.TYPE_MISMATCH);
    }

    @Test
    void builderCanonicalisesTypesAndRejectsNonsense() {
        assertThat(AttachmentPolicy.custom().allowedTypes(" Application/PDF; charset=binary").build().allowedTypes())
                .containsExactly(PDF);
        assertThatIllegalArgumentException().isThrownBy(() -> AttachmentPolicy.custom().maxSize(0));
        assertThatIllegalArgumentException().isThrownBy(() -> AttachmentPolicy.custom().allowedTypes());
        assertThatIllegalArgumentException().isThrownBy(() -> AttachmentPolicy.custom().allowedTypes("not a type"));
    }

    @Test
    void fromCopiesAPolicy() {
        AttachmentPolicy custom = AttachmentPolicy.custom().maxSize(10).allowedTypes(PDF).build();

        assertThat(AttachmentPolicy.from(custom).build()).isEqualTo(custom).hasToString(custom.toString());
        assertThat(AttachmentPolicy.from(custom).maxSize(11).build()).isNotEqualTo(custom);
    }

    private String checkPdfNamed(String name) {
        return policy.check(new AttachmentUpload(name, TestFiles.pdf())).filename();
    }

    private ValidationException assertRefused(AttachmentUpload upload, String code) {
        ValidationException e = catchValidation(upload);
        assertThat(e.errors()).extracting(FieldError::code).containsExactly(code);
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("attachment");
        return e;
    }

    private ValidationException catchValidation(AttachmentUpload upload) {
        try {
            AcceptedFile file = policy.check(upload);
            throw new AssertionError("expected a refusal, got " + file);
        } catch (ValidationException e) {
            return e;
        }
    }
}
