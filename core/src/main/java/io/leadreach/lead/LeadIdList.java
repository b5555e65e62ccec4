package io.leadreach.lead;

import io.leadreach.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lead ids read from an uploaded list: one id per line, or a CSV whose first column holds them.
 * An optional header line ({@code lead_id}, {@code id}, {@code lead id}, {@code leadId},
 * {@code lead}) is skipped; blank lines are ignored; ids keep the file's order and duplicates are
 * dropped (and counted). Lines whose first cell is not a positive whole number are listed as
 * invalid with their line number.
 *
 * @param leadIds      the ids in file order, duplicates dropped
 * @param duplicates   how many lines repeated an id already read
 * @param invalid      the invalid lines, at most {@link #MAX_INVALID_LISTED}
 * @param invalidCount how many lines were invalid
 */
public record LeadIdList(List<Long> leadIds, int duplicates, List<InvalidLine> invalid, int invalidCount) {

    /** How many invalid lines are listed at most. */
    public static final int MAX_INVALID_LISTED = 100;

    private static final Set<String> HEADERS = Set.of("lead_id", "leadid", "lead id", "id", "lead", "lead-id");

    public LeadIdList {
        leadIds = List.copyOf(leadIds);
        invalid = List.copyOf(invalid);
    }

    /**
     * An invalid line.
     *
     * @param line   its number, the first line being 1
     * @param value  its first cell (at most 40 characters)
     * @param reason why it is not a lead id
     */
    public record InvalidLine(int line, String value, String reason) {
    }

    /**
     * Reads the ids of {@code text}.
     *
     * @param maxIds the most distinct ids accepted
     * @throws ValidationException on {@code file} with code {@code too_many} beyond {@code maxIds},
     *                             {@code empty} when the text holds no line at all
     */
    public static LeadIdList parse(String text, int maxIds) {
        String t = text == null ? "" : text;
        if (t.startsWith("\uFEFF")) {
            t = t.substring(1);
        }
        String[] lines = t.split("\r\n|\r|\n", -1);
        Set<Long> ids = new LinkedHashSet<>();
        List<InvalidLine> invalid = new ArrayList<>();
        int invalidCount = 0;
        int duplicates = 0;
        boolean seenContent = false;
        for (int i = 0; i < lines.length; i++) {
            String cell = firstCell(lines[i]);
            if (cell.isEmpty()) {
                continue;
            }
            boolean first = !seenContent;
            seenContent = true;
            if (first && HEADERS.contains(cell.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String reason = null;
            long id = 0;
            if (!cell.matches("[+]?\\d{1,19}")) {
                reason = "not a whole number";
            } else {
                try {
                    id = Long.parseLong(cell.startsWith("+") ? cell.substring(1) : cell);
                    if (id <= 0) {
                        reason = "not a positive number";
                    }
                } catch (NumberFormatException e) {
                    reason = "too large for a lead id";
                }
            }
            if (reason != null) {
                invalidCount++;
                if (invalid.size() < MAX_INVALID_LISTED) {
                    invalid.add(new InvalidLine(i + 1, cell.length() > 40 ? cell.substring(0, 40) + "..." : cell, reason));
                }
                continue;
            }
            if (!ids.add(id)) {
                duplicates++;
            } else if (ids.size() > maxIds) {
                throw new ValidationException("file", "too_many", "the file names more than " + maxIds
                        + " distinct lead ids; at most " + maxIds + " are allowed");
            }
        }
        if (!seenContent) {
            throw new ValidationException("file", "empty", "the file holds no lead id");
        }
        return new LeadIdList(new ArrayList<>(ids), duplicates, invalid, invalidCount);
    }

    /** The first cell of a CSV line, unquoted and trimmed. */
    private static String firstCell(String line) {
        String s = line.strip();
        if (s.startsWith("\"")) {
            int end = s.indexOf('"', 1);
            return (end < 0 ? s.substring(1) : s.substring(1, end)).strip();
        }
        int comma = s.indexOf(',');
        int semi = s.indexOf(';');
        int tab = s.indexOf('\t');
        int cut = s.length();
        for (int c : new int[] {comma, semi, tab}) {
            if (c >= 0 && c < cut) {
                cut = c;
            }
        }
        return s.substring(0, cut).strip();
    }
}
