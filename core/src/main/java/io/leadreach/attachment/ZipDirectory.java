package io.leadreach.attachment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the entry names of a zip archive from its central directory, the index every zip reader
 * (Word included) trusts.
 *
 * <p>Why not {@link java.util.zip.ZipInputStream}: to move from one entry to the next it inflates
 * each entry, so a small "zip bomb" upload would cost seconds of CPU just to be refused. The
 * central directory holds every name without inflating anything. ZIP64 archives (over 65,535
 * entries or 4 GiB) are not read; no attachment the policy admits is that large.
 */
final class ZipDirectory {

    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int EOCD_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final int UTF8_FLAG = 1 << 11;

    private ZipDirectory() {
    }

    /** The entry names, or empty if the bytes hold no readable central directory. */
    static Optional<List<String>> entryNames(byte[] zip) {
        int eocd = findEndOfCentralDirectory(zip);
        if (eocd < 0) {
            return Optional.empty();
        }
        int entries = u16(zip, eocd + 10);
        long size = u32(zip, eocd + 12);
        long offset = u32(zip, eocd + 16);
        if (entries == 0xFFFF || offset == 0xFFFFFFFFL || offset + size > eocd) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(entries);
        int p = (int) offset;
        for (int i = 0; i < entries; i++) {
            if (p + 46 > eocd || i32(zip, p) != CENTRAL_SIGNATURE) {
                return Optional.empty();
            }
            int flags = u16(zip, p + 8);
            int nameLength = u16(zip, p + 28);
            int extraLength = u16(zip, p + 30);
            int commentLength = u16(zip, p + 32);
            if (p + 46 + nameLength > eocd) {
                return Optional.empty();
            }
            names.add(new String(zip, p + 46, nameLength,
                    (flags & UTF8_FLAG) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
            p += 46 + nameLength + extraLength + commentLength;
        }
        return Optional.of(List.copyOf(names));
    }

    private static int findEndOfCentralDirectory(byte[] zip) {
        int last = zip.length - EOCD_SIZE;
        int first = Math.max(0, last - MAX_COMMENT);
        for (int p = last; p >= first; p--) {
            if (i32(zip, p) == EOCD_SIGNATURE && p + EOCD_SIZE + u16(zip, p + 20) == zip.length) {
                return p;
            }
        }
        return -1;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    private static int i32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    private static long u32(byte[] b, int p) {
        return i32(b, p) & 0xFFFFFFFFL;
    }
}
