package io.leadreach.attachment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small but structurally real files, built in code: what each format's magic and container index
 * look like, nothing more. Public so adapter modules can reuse them through the core test-jar.
 */
public final class TestFiles {

    private TestFiles() {
    }

    /** A minimal PDF. */
    public static byte[] pdf() {
        return pdf("");
    }

    /** A minimal PDF whose content differs by {@code marker} (for distinct content). */
    public static byte[] pdf(String marker) {
        return ("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n"
                + "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                + "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
                + "% " + marker + "\n"
                + "trailer\n<< /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A PDF padded with a trailing comment to exactly {@code size} bytes. */
    public static byte[] pdfOfSize(int size) {
        byte[] head = pdf();
        if (size < head.length) {
            throw new IllegalArgumentException("a PDF needs at least " + head.length + " bytes");
        }
        byte[] bytes = Arrays.copyOf(head, size);
        Arrays.fill(bytes, head.length, size, (byte) ' ');
        return bytes;
    }

    /** A 1x1 PNG: signature, IHDR, IDAT, IEND, with correct CRCs. */
    public static byte[] png() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        pngChunk(out, "IHDR", ByteBuffer.allocate(13).putInt(1).putInt(1).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        pngChunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01});
        pngChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A JPEG/JFIF skeleton: SOI, APP0 (JFIF), EOI. */
    public static byte[] jpeg() {
        return new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10,
            'J', 'F', 'I', 'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
            (byte) 0xFF, (byte) 0xD9};
    }

    /** A Word 97 binary document: an OLE2 file whose root holds WordDocument and 1Table streams. */
    public static byte[] doc() {
        return ole2(9, stream("WordDocument"), stream("1Table"), stream("\u0005SummaryInformation"));
    }

    /** An Excel 97 binary workbook: an OLE2 file whose root holds a Workbook stream. */
    public static byte[] xls() {
        return ole2(9, stream("Workbook"));
    }

    /** A minimal DOCX: a zip with [Content_Types].xml, _rels/.rels and word/document.xml. */
    public static byte[] docx() {
        return zip("[Content_Types].xml", "_rels/.rels", "word/document.xml");
    }

    /** A minimal macro-enabled Word document (.docm). */
    public static byte[] docm() {
        return zip("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/vbaProject.bin");
    }

    /** A minimal XLSX. */
    public static byte[] xlsx() {
        return zip("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml");
    }

    /** A zip holding the named entries, each with a little text. */
    public static byte[] zip(String... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(("<content of " + entry + "/>").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A DOS/Windows executable: MZ header pointing at a PE header. */
    public static byte[] windowsExecutable() {
        byte[] bytes = new byte[256];
        bytes[0] = 'M';
        bytes[1] = 'Z';
        bytes[0x3C] = (byte) 0x80;
        byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, bytes, 0x4E, stub.length);
        bytes[0x80] = 'P';
        bytes[0x81] = 'E';
        return bytes;
    }

    /** A 64-bit Linux ELF executable header. */
    public static byte[] elfExecutable() {
        byte[] bytes = new byte[64];
        bytes[0] = 0x7F;
        bytes[1] = 'E';
        bytes[2] = 'L';
        bytes[3] = 'F';
        bytes[4] = 2; // 64-bit
        bytes[5] = 1; // little-endian
        bytes[6] = 1; // version
        bytes[16] = 2; // executable
        bytes[18] = 0x3E; // x86-64
        return bytes;
    }

    /** An HTML page with a script. */
    public static byte[] html() {
        return "<!DOCTYPE html><html><head><script>alert(1)</script></head><body></body></html>"
                .getBytes(StandardCharsets.US_ASCII);
    }

    // ---- OLE2 (MS-CFB) builder ----

    /** A directory entry: a stream, or a storage with children. */
    public record OleNode(String name, int type, List<OleNode> children) {
    }

    /** A stream entry. */
    public static OleNode stream(String name) {
        return new OleNode(name, 2, List.of());
    }

    /** A storage entry with children. */
    public static OleNode storage(String name, OleNode... children) {
        return new OleNode(name, 1, List.of(children));
    }

    /**
     * An OLE2 compound file whose root storage holds {@code rootChildren}, with 2^{@code sectorShift}
     * byte sectors: header, one FAT sector, then the directory sectors. Streams are empty; siblings
     * are chained through right-sibling links.
     */
    public static byte[] ole2(int sectorShift, OleNode... rootChildren) {
        int sectorSize = 1 << sectorShift;
        List<byte[]> entries = new ArrayList<>();
        entries.add(null); // root, filled in below
        int firstChild = addSiblings(entries, List.of(rootChildren));
        entries.set(0, dirEntry("Root Entry", 5, -1, -1, firstChild));

        int perSector = sectorSize / 128;
        int dirSectors = (entries.size() + perSector - 1) / perSector;
        ByteBuffer file = ByteBuffer.allocate(sectorSize * (2 + dirSectors)).order(ByteOrder.LITTLE_ENDIAN);
        // header
        file.put(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
        file.position(0x18);
        file.putShort((short) 0x3E).putShort((short) (sectorShift == 9 ? 3 : 4)).putShort((short) 0xFFFE);
        file.putShort((short) sectorShift).putShort((short) 6);
        file.position(0x2C);
        file.putInt(1); // FAT sectors
        file.putInt(1); // first directory sector
        file.putInt(0); // transaction signature
        file.putInt(4096); // mini stream cutoff
        file.putInt(-2).putInt(0); // mini FAT: none
        file.putInt(-2).putInt(0); // DIFAT sectors: none
        file.putInt(0); // DIFAT[0] = sector 0 holds the FAT
        for (int i = 1; i < 109; i++) {
            file.putInt(-1);
        }
        // FAT (sector 0)
        file.position(sectorSize);
        file.putInt(-3); // sector 0 is a FAT sector
        for (int s = 1; s <= dirSectors; s++) {
            file.putInt(s == dirSectors ? -2 : s + 1);
        }
        for (int s = dirSectors + 1; s < sectorSize / 4; s++) {
            file.putInt(-1);
        }
        // directory (sectors 1..)
        file.position(2 * sectorSize);
        for (byte[] entry : entries) {
            file.put(entry);
        }
        return file.array();
    }

    private static int addSiblings(List<byte[]> entries, List<OleNode> siblings) {
        int first = -1;
        int previous = -1;
        for (OleNode node : siblings) {
            int id = entries.size();
            entries.add(null);
            int child = addSiblings(entries, node.children());
            entries.set(id, dirEntry(node.name(), node.type(), -1, -1, child));
            if (previous >= 0) {
                ByteBuffer.wrap(entries.get(previous)).order(ByteOrder.LITTLE_ENDIAN).putInt(0x48, id);
            } else {
                first = id;
            }
            previous = id;
        }
        return first;
    }

    private static byte[] dirEntry(String name, int type, int left, int right, int child) {
        ByteBuffer entry = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        byte[] utf16 = name.getBytes(StandardCharsets.UTF_16LE);
        entry.put(utf16);
        entry.putShort(0x40, (short) (utf16.length + 2));
        entry.put(0x42, (byte) type);
        entry.put(0x43, (byte) 1); // black
        entry.putInt(0x44, left);
        entry.putInt(0x48, right);
        entry.putInt(0x4C, child);
        entry.putInt(0x74, -2); // start sector: none
        return entry.array();
    }

    private static void pngChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
