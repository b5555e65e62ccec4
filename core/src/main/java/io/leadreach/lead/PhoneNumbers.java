package io.leadreach.lead;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns phone numbers as a CRM stores them ({@code (201) 555-0123}, {@code 201.555.0123},
 * {@code +1 201-555-0123}) into E.164 ({@code +12015550123}), the form WhatsApp addresses people
 * by, on Google's libphonenumber. Thread-safe.
 *
 * <p>A number without a country code is read as a number of the default region. Only numbers
 * that can be mobiles are accepted: libphonenumber's {@code MOBILE}, and
 * {@code FIXED_LINE_OR_MOBILE} for regions whose numbering does not tell them apart (such as the
 * US and Canada). Landlines ({@code FIXED_LINE}) and every other kind (toll-free, premium-rate,
 * VoIP, pager, ...) are refused as {@value InvalidMobileNumberException#NOT_MOBILE}.
 *
 * <p>Parsing costs tens of microseconds and the engine asks for every send, so results (refusals
 * included) are kept in a bounded Caffeine cache keyed by the raw input.
 */
public final class PhoneNumbers {

    /** The default bound on cached parse results. */
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String UNKNOWN_REGION = "ZZ";

    /** The outcome of reading one raw number; an error code, or a valid number with its facts. */
    private record Outcome(String e164, int countryCode, PhoneNumber number, String errorCode, String errorMessage) {

        /** The region, looked up only when asked for (the lookup is as costly as the parse). */
        String region() {
            return Objects.requireNonNullElse(UTIL.getRegionCodeForNumber(number), UNKNOWN_REGION);
        }

        static Outcome error(String code, String message) {
            return new Outcome(null, 0, null, code, message);
        }

        boolean isValidNumber() {
            return e164 != null;
        }

        InvalidMobileNumberException exception() {
            return new InvalidMobileNumberException(errorCode, errorMessage);
        }
    }

    private final String defaultRegion;
    private final Cache<String, Outcome> cache;

    /**
     * Numbers for a CRM whose local numbers are of {@code defaultRegion}.
     *
     * @param defaultRegion an ISO 3166-1 alpha-2 region code libphonenumber supports ({@code US},
     *                      {@code IN}, {@code GB}, ...; case-insensitive)
     * @throws IllegalArgumentException if the region is not supported
     */
    public PhoneNumbers(String defaultRegion) {
        this(defaultRegion, DEFAULT_CACHE_SIZE);
    }

    /** As {@link #PhoneNumbers(String)}, caching up to {@code cacheSize} results. */
    public PhoneNumbers(String defaultRegion, int cacheSize) {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        String region = defaultRegion.strip().toUpperCase(Locale.ROOT);
        if (!UTIL.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("not a supported ISO 3166 region code: " + defaultRegion);
        }
        if (cacheSize < 0) {
            throw new IllegalArgumentException("cacheSize must not be negative: " + cacheSize);
        }
        this.defaultRegion = region;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).executor(Runnable::run).build();
    }

    /** The region local numbers are read in. */
    public String defaultRegion() {
        return defaultRegion;
    }

    /**
     * The E.164 form of a mobile number, such as {@code +12015550123}.
     *
     * @throws InvalidMobileNumberException {@value InvalidMobileNumberException#MALFORMED},
     *         {@value InvalidMobileNumberException#INVALID} or {@value InvalidMobileNumberException#NOT_MOBILE}
     */
    public String toE164(String raw) {
        Outcome outcome = read(raw);
        if (outcome.errorCode() != null) {
            throw outcome.exception();
        }
        return outcome.e164();
    }

    /** The E.164 form of a mobile number, or empty if {@link #toE164(String)} would refuse it. */
    public Optional<String> tryE164(String raw) {
        Outcome outcome = read(raw);
        return outcome.errorCode() == null ? Optional.of(outcome.e164()) : Optional.empty();
    }

    /**
     * The country calling code of a number in international form, such as {@code 1} for
     * {@code +12015550123}. Works for any valid number, mobile or not.
     *
     * @throws InvalidMobileNumberException if {@code e164} does not start with {@code +} or is not a valid number
     */
    public int countryCallingCode(String e164) {
        return international(e164).countryCode();
    }

    /**
     * The region of a number in international form: an ISO 3166-1 alpha-2 code such as {@code GB},
     * or {@code 001} for non-geographic numbers (such as {@code +800}). Numbers that share a calling
     * code are told apart ({@code +1} is {@code US}, {@code CA}, {@code JM}, ...).
     *
     * @throws InvalidMobileNumberException if {@code e164} does not start with {@code +} or is not a valid number
     */
    public String regionOf(String e164) {
        return international(e164).region();
    }

    /**
     * A number in international form as people read it, grouped the way its country writes it:
     * {@code +12015550123} becomes {@code +1 201-555-0123}. Anything that does not parse as an
     * international number (null, blank, no {@code +}) comes back as it was.
     */
    public static String forDisplay(String e164) {
        if (e164 == null || !e164.startsWith("+")) {
            return e164;
        }
        try {
            return UTIL.format(UTIL.parse(e164, null), PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    /** How many results are cached now; for tests of the bound. */
    long cachedResults() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private Outcome international(String e164) {
        if (e164 == null || !e164.strip().startsWith("+")) {
            throw new InvalidMobileNumberException(InvalidMobileNumberException.MALFORMED,
                    "the number must be in international form, starting with +");
        }
        Outcome outcome = read(e164);
        if (!outcome.isValidNumber()) {
            throw outcome.exception();
        }
        return outcome;
    }

    private Outcome read(String raw) {
        if (raw == null || raw.isBlank()) {
            return Outcome.error(InvalidMobileNumberException.MALFORMED, "a mobile number is required");
        }
        return cache.get(raw, this::parse);
    }

    private Outcome parse(String raw) {
        PhoneNumber number;
        try {
            number = UTIL.parse(raw, defaultRegion);
        } catch (NumberParseException e) {
            return Outcome.error(InvalidMobileNumberException.MALFORMED, "not a phone number (" + describe(e) + ")");
        }
        if (number.hasExtension()) {
            return Outcome.error(InvalidMobileNumberException.MALFORMED, "a mobile number has no extension");
        }
        // One type lookup decides validity too (UNKNOWN means invalid): isValidNumber would repeat
        // the region search and pattern matching that dominate the cost of a send.
        PhoneNumberType type = UTIL.getNumberType(number);
        if (type == PhoneNumberType.UNKNOWN) {
            return Outcome.error(InvalidMobileNumberException.INVALID,
                    "not a valid number for country code +" + number.getCountryCode());
        }
        String e164 = UTIL.format(number, PhoneNumberFormat.E164);
        if (type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            return new Outcome(e164, number.getCountryCode(), number, null, null);
        }
        return new Outcome(e164, number.getCountryCode(), number, InvalidMobileNumberException.NOT_MOBILE,
                "not a mobile number (it is " + describe(type) + "), so it cannot receive WhatsApp messages");
    }

    private static String describe(NumberParseException e) {
        switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE:
                return "unknown country code";
            case TOO_SHORT_AFTER_IDD:
            case TOO_SHORT_NSN:
                return "too short";
            case TOO_LONG:
                return "too long";
            case NOT_A_NUMBER:
            default:
                return "no number found";
        }
    }

    private static String describe(PhoneNumberType type) {
        switch (type) {
            case FIXED_LINE:
                return "a landline";
            case TOLL_FREE:
                return "a toll-free number";
            case PREMIUM_RATE:
                return "a premium-rate number";
            default:
                return "a " + type.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " number";
        }
    }
}
