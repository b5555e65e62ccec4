package io.leadreach.examples.crm.pages;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.web.util.UriComponentsBuilder;

/** How the pages show dates, phone numbers and pages of results. */
public final class Views {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private Views() {
    }

    /** A day, such as {@code 3 Nov 2026} (UTC), or null. */
    static String date(Instant instant) {
        return instant == null ? null : DATE.format(instant.atZone(ZoneOffset.UTC));
    }

    /** A day, such as {@code 3 Nov 2026}, or null. */
    static String date(LocalDate day) {
        return day == null ? null : DATE.format(day);
    }

    /** A moment, such as {@code 3 Nov 2026, 14:05 UTC}, or null. */
    static String dateTime(Instant instant) {
        return instant == null ? null : DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
    }

    /** An E.164 number as people write it, such as {@code +1 201-555-0123}; as it is when it does not parse. */
    static String phone(String e164) {
        if (e164 == null || e164.isBlank()) {
            return "";
        }
        try {
            return PHONES.format(PHONES.parse(e164, null), PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    /** The E.164 form of a number typed with its country code, or null when it is not a valid number. */
    static String e164(String typed) {
        try {
            PhoneNumber number = PHONES.parse(typed, null);
            return PHONES.isValidNumber(number) ? PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** A text of a filter or a form: trimmed, and null when blank. */
    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** One link of a pager; no {@code href} for the current page and for a gap. */
    public record PageLink(String label, String href, boolean current) {

        /** Whether this is a gap ("…") between page numbers. */
        public boolean gap() {
            return href == null && !current;
        }
    }

    /**
     * A pager: "Showing {from}–{to} of {total}", previous and next, and the page numbers around the
     * current one. Pages are counted from 0 in links (as in the JSON routes), from 1 on screen.
     */
    public record Pager(long total, long from, long to, String previous, String next, List<PageLink> links) {

        /** Whether there is more than one page. */
        public boolean paged() {
            return previous != null || next != null;
        }

        /** The pager of a page of results at this path with these query parameters (nulls left out). */
        static Pager of(Page<?> page, String path, Map<String, String> parameters) {
            int current = page.getNumber();
            int last = Math.max(0, page.getTotalPages() - 1);
            List<PageLink> links = new ArrayList<>();
            int lastShown = -1;
            for (int p = 0; p <= last; p++) {
                boolean near = Math.abs(p - current) <= 2;
                if (p == 0 || p == last || near) {
                    if (lastShown >= 0 && p > lastShown + 1) {
                        links.add(new PageLink("…", null, false));
                    }
                    links.add(new PageLink(Integer.toString(p + 1), p == current ? null : href(path, parameters, p),
                            p == current));
                    lastShown = p;
                }
            }
            long from = page.getTotalElements() == 0 ? 0 : page.getPageable().getOffset() + 1;
            long to = page.getPageable().getOffset() + page.getNumberOfElements();
            return new Pager(page.getTotalElements(), from, to,
                    page.hasPrevious() ? href(path, parameters, current - 1) : null,
                    page.hasNext() ? href(path, parameters, current + 1) : null, links);
        }

        private static String href(String path, Map<String, String> parameters, int page) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
            Map<String, String> all = new LinkedHashMap<>(parameters);
            all.put("page", Integer.toString(page));
            all.forEach((name, value) -> {
                if (value != null && !(name.equals("page") && value.equals("0"))) {
                    uri.queryParam(name, value);
                }
            });
            return uri.encode().build().toUriString();
        }
    }
}
