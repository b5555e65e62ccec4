package io.leadreach.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.leadreach.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "../etc/passwd.pdf", "..\\..\\windows\\win.ini", "quotes/../../x.pdf", "/etc/passwd", "C:\\x.pdf",
        "dir/quote.pdf", "quote\0.pdf.exe", "..%2fetc%2fpasswd", "..%5Cboot.ini", "quote%00.pdf",
        "", "   ", ".", "..", "...", " . . ", "\u0001\u0002", "\u202E"})
    void pathTricksAndBlankNamesAreRefusedNotRepaired(String raw) {
        assertThatThrownBy(() -> FileNames.sanitize(raw))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("attachment");
                        assertThat(error.code()).isEqualTo("bad_filename");
                    });
                });
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> FileNames.sanitize(null)).isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "quote.pdf|quote.pdf",
        "Quote (final), v2 - 2024+.pdf|Quote (final), v2 - 2024+.pdf",
        "a:b*c?\"<x>.pdf|a_b_c___x_.pdf",
        "report..pdf|report..pdf",
        ".htaccess|htaccess",
        "...hidden.pdf|hidden.pdf",
        "'  spaced   out  .pdf  '|spaced out .pdf",
        "quote.pdf. . .|quote.pdf",
        "CON.pdf|_CON.pdf",
        "lpt1|_lpt1",
        "console.pdf|console.pdf",
        "50% off!.pdf|50_ off_.pdf",
    })
    void unsafeCharactersAreReplacedAndEdgesTrimmed(String raw, String expected) {
        assertThat(FileNames.sanitize(raw)).isEqualTo(expected);
    }

    @Test
    void controlAndInvisibleFormatCharactersAreRemoved() {
        assertThat(FileNames.sanitize("inv\u0007oice\t\r\n.pdf")).isEqualTo("invoice.pdf");
        assertThat(FileNames.sanitize("photo\u202Egpj.exe")).isEqualTo("photogpj.exe");
        assertThat(FileNames.sanitize("zero\u200Bwidth.pdf")).isEqualTo("zerowidth.pdf");
        assertThat(FileNames.sanitize("c1\u0085control.pdf")).isEqualTo("c1control.pdf");
    }

    @Test
    void lettersOfEveryScriptAreKeptInComposedForm() {
        assertThat(FileNames.sanitize("re\u0301sume\u0301.pdf")).isEqualTo("r\u00e9sum\u00e9.pdf");
        assertThat(FileNames.sanitize("\u092a\u094d\u0930\u0938\u094d\u0924\u093e\u0935.pdf"))
                .isEqualTo("\u092a\u094d\u0930\u0938\u094d\u0924\u093e\u0935.pdf");
        assertThat(FileNames.sanitize("\u62a5\u4ef7\u5355.pdf")).isEqualTo("\u62a5\u4ef7\u5355.pdf");
        assertThat(FileNames.sanitize("smile \uD83D\uDE00.png")).isEqualTo("smile _.png");
    }

    @Test
    void longNamesAreCutToTheLimitKeepingTheExtension() {
        String name = FileNames.sanitize("a".repeat(300) + ".pdf");

        assertThat(name).hasSize(FileNames.MAX_LENGTH).startsWith("aaa").endsWith("a.pdf");
    }

    @Test
    void longNamesWithoutExtensionAreCutToTheLimit() {
        assertThat(FileNames.sanitize("b".repeat(300))).isEqualTo("b".repeat(FileNames.MAX_LENGTH));
    }

    @Test
    void anOverlongExtensionIsNotAnExtension() {
        String name = FileNames.sanitize("c".repeat(100) + "." + "x".repeat(100));

        assertThat(name).hasSize(FileNames.MAX_LENGTH).startsWith("ccc").endsWith("xxx");
    }

    @Test
    void cuttingNeverSplitsASurrogatePair() {
        String han = "\uD840\uDC0B"; // a supplementary CJK ideograph: a letter, two UTF-16 chars
        String name = FileNames.sanitize("d" + han.repeat(100) + ".pdf");

        assertThat(name.length()).isLessThanOrEqualTo(FileNames.MAX_LENGTH);
        assertThat(name).endsWith(han + ".pdf");
        assertThat(name.codePoints().filter(cp -> Character.getType(cp) == Character.SURROGATE)).isEmpty();
    }

    @Test
    void extensionIsTheLowerCasedLastSuffix() {
        assertThat(FileNames.extension("Quote.PDF")).isEqualTo(".pdf");
        assertThat(FileNames.extension("archive.tar.gz")).isEqualTo(".gz");
        assertThat(FileNames.extension("noext")).isEmpty();
        assertThat(FileNames.extension("trailing.")).isEmpty();
        assertThat(FileNames.extension("a.has space")).isEmpty();
    }

    @Test
    void anyStringIsEitherRefusedOrMadeSafe() {
        qt().withExamples(3_000)
                .forAll(strings().allPossible().ofLengthBetween(0, 260))
                .checkAssert(FileNamesTest::refusedOrSafe);
    }

    @Test
    void namesBuiltFromTrickyFragmentsAreEitherRefusedOrMadeSafe() {
        List<String> fragments = List.of(".", "..", "/", "\\", "%2f", "%2E%2E", "%00", "\0", " ", "\t", "\u202E",
                "CON", "a", "Z", "\u00e9", "e\u0301", "\u0939\u093f", "\uD83D\uDE00", ":", "*", "pdf", ".pdf", "_", "-");
        qt().withExamples(3_000)
                .forAll(lists().of(arbitrary().pick(fragments)).ofSizeBetween(0, 40))
                .checkAssert(parts -> refusedOrSafe(String.join("", parts)));
    }

    private static void refusedOrSafe(String raw) {
        String name;
        try {
            name = FileNames.sanitize(raw);
        } catch (ValidationException e) {
            assertThat(e.hasCode("bad_filename")).isTrue();
            return;
        }
        assertThat(name).isNotBlank();
        assertThat(name.length()).isLessThanOrEqualTo(FileNames.MAX_LENGTH);
        assertThat(name).doesNotContain("/", "\\", "\0", "%", "  ");
        assertThat(name).doesNotStartWith(".").doesNotStartWith(" ").doesNotEndWith(".").doesNotEndWith(" ");
        assertThat(name.codePoints().filter(cp -> Character.isISOControl(cp)
                || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.SURROGATE))
                .isEmpty();
        assertThat(FileNames.sanitize(name)).as("sanitising is idempotent").isEqualTo(name);
        assertThat(raw).doesNotContain("../", "..\\");
    }
}
