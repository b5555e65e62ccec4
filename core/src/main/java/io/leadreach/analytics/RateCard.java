package io.leadreach.analytics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-message prices by country calling code and {@link PricingCategory}, loaded by the user
 * (Meta changes its rates quarterly; none are built in).
 *
 * <p>The format is CSV, one rate a line: {@code country_calling_code,category,price,currency},
 * e.g. {@code 44,MARKETING,0.0530,USD}. Blank lines and lines starting with {@code #} are
 * ignored; a header line {@code country_calling_code,category,price,currency} is allowed. All rates
 * share one currency. A card with no rates, or any line that does not parse (wrong field count, an
 * unknown category, a negative or non-numeric price, an unknown currency, another currency than
 * the first row's, or a repeated code and category), is refused with a {@link RateCardException}
 * naming the line.
 */
public final class RateCard {

    /** The optional header line. */
    public static final String HEADER = "country_calling_code,category,price,currency";

    /** The sample card shipped with the library (invented prices; see the file's first line). */
    public static final String SAMPLE_RESOURCE = "/io/leadreach/analytics/sample-rate-card.csv";

    private final Map<String, BigDecimal> rates;
    private final Currency currency;

    private RateCard(Map<String, BigDecimal> rates, Currency currency) {
        this.rates = rates;
        this.currency = currency;
    }

    /**
     * Parses a card.
     *
     * @throws RateCardException when the card is empty or a line does not parse
     * @throws UncheckedIOException when the reader fails
     */
    public static RateCard parse(Reader reader) {
        Objects.requireNonNull(reader, "reader");
        Map<String, BigDecimal> rates = new HashMap<>();
        Currency currency = null;
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        int lineNumber = 0;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                String text = lineNumber == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
                text = text.strip();
                if (text.isEmpty() || text.startsWith("#")
                        || text.replace(" ", "").equalsIgnoreCase(HEADER)) {
                    continue;
                }
                String[] f = text.split(",", -1);
                if (f.length != 4) {
                    throw new RateCardException(lineNumber, "expected 4 fields (" + HEADER + "), found " + f.length);
                }
                int code = callingCode(f[0].strip(), lineNumber);
                PricingCategory category = category(f[1], lineNumber);
                BigDecimal price = price(f[2].strip(), lineNumber);
                Currency c = currency(f[3].strip(), lineNumber);
                if (currency != null && !currency.equals(c)) {
                    throw new RateCardException(lineNumber, "currency " + c + " differs from the card's " + currency);
                }
                currency = c;
                if (rates.putIfAbsent(key(code, category), price) != null) {
                    throw new RateCardException(lineNumber, "a second rate for " + code + " " + category);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rates.isEmpty()) {
            throw new RateCardException(0, "the card holds no rates (" + lineNumber + " lines read)");
        }
        return new RateCard(Collections.unmodifiableMap(rates), currency);
    }

    /** The sample card shipped with the library: invented prices dated 2026-11-25, not Meta's. */
    public static RateCard sample() {
        InputStream in = RateCard.class.getResourceAsStream(SAMPLE_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("missing resource " + SAMPLE_RESOURCE);
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int callingCode(String s, int line) {
        try {
            int code = Integer.parseInt(s.startsWith("+") ? s.substring(1) : s);
            if (code < 1 || code > 999) {
                throw new RateCardException(line, "country calling code out of range: " + s);
            }
            return code;
        } catch (NumberFormatException e) {
            throw new RateCardException(line, "not a country calling code: '" + s + "'");
        }
    }

    private static PricingCategory category(String s, int line) {
        return PricingCategory.parse(s).orElseThrow(() -> new RateCardException(line,
                "unknown category '" + s.strip() + "' (MARKETING, UTILITY, AUTHENTICATION or SERVICE)"));
    }

    private static BigDecimal price(String s, int line) {
        try {
            BigDecimal p = new BigDecimal(s);
            if (p.signum() < 0) {
                throw new RateCardException(line, "negative price: " + s);
            }
            return p;
        } catch (NumberFormatException e) {
            throw new RateCardException(line, "not a price: '" + s + "'");
        }
    }

    private static Currency currency(String s, int line) {
        try {
            return Currency.getInstance(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RateCardException(line, "not an ISO 4217 currency: '" + s + "'");
        }
    }

    private static String key(int code, PricingCategory category) {
        return code + ":" + category;
    }

    /** The price of one delivered message of this category to this country calling code, if the card has it. */
    public Optional<BigDecimal> price(int countryCallingCode, PricingCategory category) {
        return Optional.ofNullable(rates.get(key(countryCallingCode, category)));
    }

    /** The card's currency. */
    public Currency currency() {
        return currency;
    }

    /** How many rates it holds. */
    public int size() {
        return rates.size();
    }
}
