package io.leadreach.attachment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the names of the top-level entries of an OLE2 compound file (the container of
 * {@code .doc}, {@code .xls}, {@code .ppt}), following [MS-CFB]: header, FAT (through the
 * header's DIFAT and any DIFAT sectors), the directory sector chain, and the red-black tree of
 * the root storage's children. Only the root's own children are read, so a Word document
 * embedded in a spreadsheet does not make the spreadsheet a Word document.
 *
 * <p>Every offset is bounds-checked and every chain walk is capped, so a malformed or hostile
 * file yields {@link Optional#empty()}, never an exception or a loop.
 */
final class Ole2Directory {

    private static final long SIGNATURE = 0xE11AB1A1E011CFD0L;
    private static final int END_OF_CHAIN = -2;
    private static final int NO_STREAM = -1;
    private static final int HEADER_DIFAT_ENTRIES = 109;
    private static final int ENTRY_SIZE = 128;
    private static final int TYPE_ROOT = 5;

    private final byte[] bytes;
    private final int sectorSize;
    private final int sectorCount;

    private Ole2Directory(byte[] bytes, int sectorSize) {
        this.bytes = bytes;
        this.sectorSize = sectorSize;
        // Sectors after the header; a short last sector counts (reads past the end are caught).
        this.sectorCount = Math.max(0, (bytes.length - 1) / sectorSize);
    }

    /** The names of the root storage's children, or empty if the bytes are no readable OLE2 file. */
    static Optional<Set<String>> topLevelNames(byte[] bytes) {
        if (bytes.length < 512 || i64(bytes, 0) != SIGNATURE) {
            return Optional.empty();
        }
        int shift = u16(bytes, 0x1E);
        if (shift != 9 && shift != 12) {
            return Optional.empty();
        }
        try {
            return new Ole2Directory(bytes, 1 << shift).read();
        } catch (IndexOutOfBoundsException malformed) {
            return Optional.empty();
        }
    }

    private Optional<Set<String>> read() {
        int[] fat = readFat();
        if (fat == null) {
            return Optional.empty();
        }
        List<Integer> dirSectors = chain(i32(bytes, 0x30), fat);
        if (dirSectors == null || dirSectors.isEmpty()) {
            return Optional.empty();
        }
        int entriesPerSector = sectorSize / ENTRY_SIZE;
        int entryCount = dirSectors.size() * entriesPerSector;
        int root = entryOffset(0, dirSectors, entriesPerSector);
        if ((bytes[root + 0x42] & 0xFF) != TYPE_ROOT) {
            return Optional.empty();
        }
        Set<String> names = new HashSet<>();
        Set<Integer> seen = new HashSet<>();
        List<Integer> pending = new ArrayList<>();
        pending.add(i32(bytes, root + 0x4C));
        while (!pending.isEmpty()) {
            int id = pending.remove(pending.size() - 1);
            if (id == NO_STREAM) {
                continue;
            }
            if (id < 0 || id >= entryCount || !seen.add(id)) {
                return Optional.empty();
            }
            int entry = entryOffset(id, dirSectors, entriesPerSector);
            int nameBytes = u16(bytes, entry + 0x40);
            if (nameBytes >= 2 && nameBytes <= 64) {
                names.add(new String(bytes, entry, nameBytes - 2, StandardCharsets.UTF_16LE));
            }
            pending.add(i32(bytes, entry + 0x44));
            pending.add(i32(bytes, entry + 0x48));
        }
        return Optional.of(Set.copyOf(names));
    }

    private int entryOffset(int id, List<Integer> dirSectors, int entriesPerSector) {
        int sector = dirSectors.get(id / entriesPerSector);
        return sectorOffset(sector) + (id % entriesPerSector) * ENTRY_SIZE;
    }

    private int[] readFat() {
        int fatSectorCount = i32(bytes, 0x2C);
        if (fatSectorCount <= 0 || fatSectorCount > sectorCount) {
            return null;
        }
        List<Integer> fatSectors = new ArrayList<>(fatSectorCount);
        for (int i = 0; i < HEADER_DIFAT_ENTRIES && fatSectors.size() < fatSectorCount; i++) {
            fatSectors.add(i32(bytes, 0x4C + 4 * i));
        }
        int difat = i32(bytes, 0x44);
        int perDifat = sectorSize / 4 - 1;
        for (int hops = 0; fatSectors.size() < fatSectorCount; hops++) {
            if (!isSector(difat) || hops > sectorCount) {
                return null;
            }
            int base = sectorOffset(difat);
            for (int i = 0; i < perDifat && fatSectors.size() < fatSectorCount; i++) {
                fatSectors.add(i32(bytes, base + 4 * i));
            }
            difat = i32(bytes, base + 4 * perDifat);
        }
        int perSector = sectorSize / 4;
        int[] fat = new int[fatSectorCount * perSector];
        for (int s = 0; s < fatSectorCount; s++) {
            int sector = fatSectors.get(s);
            if (!isSector(sector)) {
                return null;
            }
            int base = sectorOffset(sector);
            for (int i = 0; i < perSector; i++) {
                fat[s * perSector + i] = i32(bytes, base + 4 * i);
            }
        }
        return fat;
    }

    private List<Integer> chain(int start, int[] fat) {
        List<Integer> sectors = new ArrayList<>();
        int sector = start;
        while (sector != END_OF_CHAIN) {
            if (!isSector(sector) || sector >= fat.length || sectors.size() > sectorCount) {
                return null;
            }
            sectors.add(sector);
            sector = fat[sector];
        }
        return sectors;
    }

    private boolean isSector(int sector) {
        return sector >= 0 && sector < sectorCount;
    }

    private int sectorOffset(int sector) {
        return (sector + 1) * sectorSize;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    private static int i32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    private static long i64(byte[] b, int p) {
        return (i32(b, p) & 0xFFFFFFFFL) | ((long) i32(b, p + 4)) << 32;
    }
}
