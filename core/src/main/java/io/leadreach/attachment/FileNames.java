package io.leadreach.attachment;

import io.leadreach.ValidationException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Makes a user-supplied file name safe to keep, show and send as a WhatsApp document name.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>A name that tries to leave its directory is <em>refused</em>, never repaired: one that is
 *       {@code null}, contains a NUL character, a path traversal ({@code ../}, {@code ..\}), a path
 *       separator ({@code /} or {@code \}) or a percent-encoded separator or NUL ({@code %2f},
 *       {@code %5c}, {@code %00}) fails with {@link ValidationException} code
 *       {@value #BAD_FILENAME} on field {@value #FIELD}.</li>
 *   <li>The rest is normalised to Unicode NFC; control characters (C0, DEL, C1) and invisible
 *       format characters (such as the right-to-left override used to disguise {@code exe}
 *       as {@code pdf}) are removed.</li>
 *   <li>Every character outside the safe set is replaced by {@code _}. The safe set is letters and
 *       digits of any script, combining marks, space and {@code . _ - ( ) + ,}.</li>
 *   <li>Runs of spaces become one space; leading dots and spaces and trailing dots and spaces are
 *       trimmed (no hidden files, nothing Windows would silently strip).</li>
 *   <li>A name that is now blank is refused ({@value #BAD_FILENAME}). A Windows device name
 *       ({@code CON}, {@code NUL}, {@code COM1}, ...) gets a {@code _} prefix.</li>
 *   <li>A name longer than {@value #MAX_LENGTH} characters is shortened to that length, keeping its
 *       extension (the last {@code .xxx} of at most {@value #MAX_EXTENSION_LENGTH} characters).</li>
 * </ol>
 */
public final class FileNames {

    /** The longest name {@link #sanitize(String)} returns, in UTF-16 characters. */
    public static final int MAX_LENGTH = 120;

    /** The longest extension (dot included) that is kept when a name is shortened. */
    public static final int MAX_EXTENSION_LENGTH = 16;

    /** The error code for a refused file name. */
    public static final String BAD_FILENAME = "bad_filename";

    /** The field every refusal names. */
    public static final String FIELD = "attachment";

    private static final String SAFE_PUNCTUATION = " ._-()+,";

    private static final Set<String> WINDOWS_DEVICES = Set.of(
            "con", "prn", "aux", "nul",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    private FileNames() {
    }

    /**
     * The safe form of {@code raw}.
     *
     * @throws ValidationException code {@value #BAD_FILENAME} if the name is refused (see the class comment)
     */
    public static String sanitize(String raw) {
        if (raw == null) {
            throw refused("a file name is required");
        }
        if (raw.indexOf('\0') >= 0) {
            throw refused("the file name contains a NUL character");
        }
        if (raw.contains("../") || raw.contains("..\\")) {
            throw refused("the file name contains a path traversal");
        }
        if (raw.indexOf('/') >= 0 || raw.indexOf('\\') >= 0) {
            throw refused("the file name contains a path separator");
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
            throw refused("the file name contains an encoded path separator or NUL");
        }

        String normalized = Normalizer.normalize(raw, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(normalized.length());
        normalized.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                return;
            }
            if (isSafe(cp)) {
                if (cp == ' ' && out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
                    return;
                }
                out.appendCodePoint(cp);
            } else {
                out.append('_');
            }
        });

        String name = trim(out.toString());
        if (name.isEmpty()) {
            throw refused("the file name has no usable characters");
        }
        String base = name.indexOf('.') < 0 ? name : name.substring(0, name.indexOf('.'));
        if (WINDOWS_DEVICES.contains(base.strip().toLowerCase(Locale.ROOT))) {
            name = "_" + name;
        }
        return capLength(name);
    }

    /**
     * The extension of a (sanitised) name: its last {@code .xxx}, lower-cased, dot included; empty
     * when the name has none or it is longer than {@value #MAX_EXTENSION_LENGTH} characters.
     */
    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return "";
        }
        String ext = name.substring(dot);
        if (ext.length() > MAX_EXTENSION_LENGTH || ext.indexOf(' ') >= 0) {
            return "";
        }
        return ext.toLowerCase(Locale.ROOT);
    }

    /** {@code name} with {@code extension} (dot included) appended, shortened to fit {@link #MAX_LENGTH}. */
    static String withExtension(String name, String extension) {
        return capLength(name + extension);
    }

    private static boolean isSafe(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK) {
            return true;
        }
        return cp < 0x80 && SAFE_PUNCTUATION.indexOf(cp) >= 0;
    }

    private static String trim(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && (name.charAt(start) == '.' || name.charAt(start) == ' ')) {
            start++;
        }
        while (end > start && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
            end--;
        }
        return name.substring(start, end);
    }

    private static String capLength(String name) {
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        String ext = extension(name);
        // Keep the extension as written (not lower-cased): take it from the name itself.
        String keptExt = ext.isEmpty() ? "" : name.substring(name.length() - ext.length());
        String base = name.substring(0, name.length() - keptExt.length());
        base = cut(base, MAX_LENGTH - keptExt.length());
        base = trim(base);
        return base + keptExt;
    }

    /** The first {@code max} UTF-16 characters of {@code s}, never splitting a surrogate pair. */
    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static ValidationException refused(String message) {
        return new ValidationException(FIELD, BAD_FILENAME, message);
    }
}
