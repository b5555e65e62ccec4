package io.leadreach.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.leadreach.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every number here is one of libphonenumber's own example numbers (documentation ranges such as
 * the US 555-01xx block), or a deliberately impossible one; never a real person's number.
 */
class PhoneNumbersTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private static PhoneNumber example(String region, PhoneNumberType type) {
        return UTIL.getExampleNumberForType(region, type);
    }

    private static String format(PhoneNumber number, PhoneNumberFormat format) {
        return UTIL.format(number, format);
    }

    private static String e164(String region, PhoneNumberType type) {
        return format(example(region, type), PhoneNumberFormat.E164);
    }

    @Test
    void localNumbersAreReadInTheDefaultRegion() {
        PhoneNumber gbMobile = example("GB", PhoneNumberType.MOBILE);

        assertThat(new PhoneNumbers("GB").toE164(format(gbMobile, PhoneNumberFormat.NATIONAL)))
                .isEqualTo(format(gbMobile, PhoneNumberFormat.E164))
                .startsWith("+44");
    }

    @Test
    void internationalNumbersIgnoreTheDefaultRegion() {
        PhoneNumber inMobile = example("IN", PhoneNumberType.MOBILE);

        assertThat(new PhoneNumbers("US").toE164(format(inMobile, PhoneNumberFormat.INTERNATIONAL)))
                .isEqualTo(format(inMobile, PhoneNumberFormat.E164))
                .startsWith("+91");
    }

    @Test
    void commonWaysOfWritingANumberAllGiveTheSameE164() {
        PhoneNumber us = example("US", PhoneNumberType.MOBILE);
        String expected = format(us, PhoneNumberFormat.E164);
        String national = String.valueOf(us.getNationalNumber()); // ten digits
        String area = national.substring(0, 3);
        String exchange = national.substring(3, 6);
        String line = national.substring(6);
        PhoneNumbers numbers = new PhoneNumbers("US");

        for (String written : List.of(
                "(" + area + ") " + exchange + "-" + line,
                area + "." + exchange + "." + line,
                "  " + national + "  ",
                "1-" + area + "-" + exchange + "-" + line,
                "+1 " + area + " " + exchange + " " + line,
                "011 1 " + national, // dialled from the US with its international prefix
                format(us, PhoneNumberFormat.RFC3966))) {
            assertThat(numbers.toE164(written)).as(written).isEqualTo(expected);
        }
    }

    @Test
    void everyRegionsExampleMobileRoundTripsInEveryFormat() {
        List<String> regions = new ArrayList<>(new TreeSet<>(UTIL.getSupportedRegions()));
        regions.removeIf(region -> example(region, PhoneNumberType.MOBILE) == null);

        qt().withExamples(1_000)
                .forAll(arbitrary().pick(regions), arbitrary().enumValues(PhoneNumberFormat.class))
                .checkAssert((region, format) -> {
                    PhoneNumber mobile = example(region, PhoneNumberType.MOBILE);
                    String expected = format(mobile, PhoneNumberFormat.E164);
                    PhoneNumbers numbers = new PhoneNumbers(region);

                    String actual = numbers.toE164(format(mobile, format));

                    assertThat(actual).isEqualTo(expected);
                    assertThat(numbers.toE164(actual)).as("idempotent").isEqualTo(actual);
                    assertThat(numbers.countryCallingCode(actual)).isEqualTo(mobile.getCountryCode());
                    // Regions sharing a calling code may claim each other's example (AX's is read as FI).
                    assertThat(UTIL.getRegionCodesForCountryCode(mobile.getCountryCode())).contains(numbers.regionOf(actual));
                });
    }

    @Test
    void landlinesAreRefused() {
        PhoneNumber landline = example("GB", PhoneNumberType.FIXED_LINE);
        assertThat(UTIL.getNumberType(landline)).isEqualTo(PhoneNumberType.FIXED_LINE);

        assertRefused(new PhoneNumbers("GB"), format(landline, PhoneNumberFormat.NATIONAL), InvalidMobileNumberException.NOT_MOBILE)
                .hasMessageContaining("landline");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GB", "IN", "US"})
    void internationalLandlinesAreRefusedWhateverTheDefaultRegion(String region) {
        String landline = format(example("GB", PhoneNumberType.FIXED_LINE), PhoneNumberFormat.INTERNATIONAL);

        assertRefused(new PhoneNumbers(region), landline, InvalidMobileNumberException.NOT_MOBILE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TOLL_FREE", "PREMIUM_RATE", "VOIP", "PERSONAL_NUMBER", "UAN"})
    void otherNonMobileNumbersAreRefused(PhoneNumberType type) {
        String raw = format(example("GB", type), PhoneNumberFormat.INTERNATIONAL);

        assertRefused(new PhoneNumbers("GB"), raw, InvalidMobileNumberException.NOT_MOBILE);
    }

    @Test
    void numbersThatCouldBeMobileOrLandlineAreAccepted() {
        PhoneNumber us = example("US", PhoneNumberType.FIXED_LINE);
        assertThat(UTIL.getNumberType(us)).isEqualTo(PhoneNumberType.FIXED_LINE_OR_MOBILE);

        assertThat(new PhoneNumbers("US").toE164(format(us, PhoneNumberFormat.NATIONAL)))
                .isEqualTo(format(us, PhoneNumberFormat.E164));
    }

    @ParameterizedTest
    @ValueSource(strings = {"US", "GB", "IN"})
    void numbersOfTheRightShapeButNotValidAreInvalid(String region) {
        String raw = format(UTIL.getInvalidExampleNumber(region), PhoneNumberFormat.E164);

        assertRefused(new PhoneNumbers(region), raw, InvalidMobileNumberException.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "abc", "+", "+12", "call me", "+999 123 456 789"})
    void thingsThatAreNotPhoneNumbersAreMalformed(String raw) {
        assertRefused(new PhoneNumbers("US"), raw, InvalidMobileNumberException.MALFORMED);
    }

    @Test
    void nullAndOverlongInputsAreMalformed() {
        PhoneNumbers numbers = new PhoneNumbers("US");

        assertRefused(numbers, null, InvalidMobileNumberException.MALFORMED);
        assertRefused(numbers, "5".repeat(300), InvalidMobileNumberException.MALFORMED);
    }

    @Test
    void numbersWithAnExtensionAreMalformed() {
        String raw = format(example("GB", PhoneNumberType.MOBILE), PhoneNumberFormat.INTERNATIONAL) + " ext. 12";

        assertRefused(new PhoneNumbers("GB"), raw, InvalidMobileNumberException.MALFORMED)
                .hasMessageContaining("extension");
    }

    @Test
    void refusalsNameTheMobileFieldAndNeverContainTheNumber() {
        String landline = format(example("GB", PhoneNumberType.FIXED_LINE), PhoneNumberFormat.E164);

        assertThatThrownBy(() -> new PhoneNumbers("GB").toE164(landline))
                .isInstanceOf(ValidationException.class)
                .isInstanceOfSatisfying(InvalidMobileNumberException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("mobile");
                        assertThat(error.code()).isEqualTo("not_mobile");
                    });
                    assertThat(e.code()).isEqualTo("not_mobile");
                    assertThat(e.getMessage()).doesNotContain(landline).doesNotContain(landline.substring(3));
                });
    }

    @Test
    void refusalCanNameAnotherField() {
        InvalidMobileNumberException e = new InvalidMobileNumberException("leads[3].mobile", "invalid", "not valid");

        assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("leads[3].mobile"));
    }

    @Test
    void tryE164AnswersEmptyInsteadOfThrowing() {
        PhoneNumbers numbers = new PhoneNumbers("GB");

        assertThat(numbers.tryE164(format(example("GB", PhoneNumberType.MOBILE), PhoneNumberFormat.NATIONAL)))
                .contains(e164("GB", PhoneNumberType.MOBILE));
        assertThat(numbers.tryE164(format(example("GB", PhoneNumberType.FIXED_LINE), PhoneNumberFormat.NATIONAL))).isEmpty();
        assertThat(numbers.tryE164("not a number")).isEmpty();
        assertThat(numbers.tryE164(null)).isEqualTo(Optional.empty());
    }

    @Test
    void countryCallingCodeAndRegionComeFromTheNumber() {
        PhoneNumbers numbers = new PhoneNumbers("US");

        assertThat(numbers.countryCallingCode(e164("IN", PhoneNumberType.MOBILE))).isEqualTo(91);
        assertThat(numbers.regionOf(e164("IN", PhoneNumberType.MOBILE))).isEqualTo("IN");
        assertThat(numbers.countryCallingCode(e164("GB", PhoneNumberType.FIXED_LINE))).isEqualTo(44);
        assertThat(numbers.regionOf(e164("GB", PhoneNumberType.FIXED_LINE))).isEqualTo("GB");
        assertThat(numbers.regionOf(e164("CA", PhoneNumberType.MOBILE))).isEqualTo("CA");
        assertThat(numbers.regionOf(e164("US", PhoneNumberType.MOBILE))).isEqualTo("US");
        String nonGeographic = format(UTIL.getExampleNumberForNonGeoEntity(800), PhoneNumberFormat.E164);
        assertThat(numbers.regionOf(nonGeographic)).isEqualTo("001");
        assertThat(numbers.countryCallingCode(nonGeographic)).isEqualTo(800);
    }

    @Test
    void countryCallingCodeNeedsAnInternationalValidNumber() {
        PhoneNumbers numbers = new PhoneNumbers("US");
        String national = String.valueOf(example("US", PhoneNumberType.MOBILE).getNationalNumber());

        assertRefused(() -> numbers.countryCallingCode(national), InvalidMobileNumberException.MALFORMED);
        assertRefused(() -> numbers.regionOf(null), InvalidMobileNumberException.MALFORMED);
        assertRefused(() -> numbers.regionOf(format(UTIL.getInvalidExampleNumber("GB"), PhoneNumberFormat.E164)),
                InvalidMobileNumberException.INVALID);
    }

    @Test
    void defaultRegionMustBeASupportedRegionCode() {
        assertThat(new PhoneNumbers(" in ").defaultRegion()).isEqualTo("IN");
        assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumbers("XX"));
        assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumbers("ZZ"));
        assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumbers("USA"));
        assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumbers(""));
        assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumbers("US", -1));
    }

    @Test
    void resultsAreCachedWithinTheBound() {
        PhoneNumbers numbers = new PhoneNumbers("GB", 3);
        String mobile = format(example("GB", PhoneNumberType.MOBILE), PhoneNumberFormat.NATIONAL);

        for (int i = 0; i < 10; i++) {
            assertThat(numbers.toE164(mobile)).isEqualTo(e164("GB", PhoneNumberType.MOBILE));
        }
        assertThat(numbers.cachedResults()).isEqualTo(1);

        for (String region : List.of("US", "IN", "FR", "DE", "BR")) {
            numbers.tryE164(format(example(region, PhoneNumberType.MOBILE), PhoneNumberFormat.E164));
        }
        assertThat(numbers.cachedResults()).isLessThanOrEqualTo(3);
        assertThat(numbers.toE164(mobile)).isEqualTo(e164("GB", PhoneNumberType.MOBILE));
    }

    @Test
    void cachedRefusalsAreThrownAfreshEachTime() {
        PhoneNumbers numbers = new PhoneNumbers("GB");
        String landline = format(example("GB", PhoneNumberType.FIXED_LINE), PhoneNumberFormat.NATIONAL);

        Throwable first = catchRefusal(() -> numbers.toE164(landline));
        Throwable second = catchRefusal(() -> numbers.toE164(landline));

        assertThat(second).isNotSameAs(first).hasMessage(first.getMessage());
    }

    @Test
    void concurrentCallersGetConsistentAnswers() throws Exception {
        PhoneNumbers numbers = new PhoneNumbers("IN", 16);
        List<String> regions = List.of("IN", "GB", "US", "BR", "DE", "FR", "JP", "AU", "ZA", "NG", "MX", "AE");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        String region = regions.get(i % regions.size());
                        String expected = e164(region, PhoneNumberType.MOBILE);
                        assertThat(numbers.toE164(format(example(region, PhoneNumberType.MOBILE),
                                PhoneNumberFormat.INTERNATIONAL))).isEqualTo(expected);
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            PhoneNumbers numbers, String raw, String code) {
        return assertRefused(() -> numbers.toE164(raw), code);
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        return assertThatThrownBy(call)
                .isInstanceOfSatisfying(InvalidMobileNumberException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.code()).isEqualTo(code));
                });
    }

    @Test
    void numbersAreShownGroupedTheWayTheirCountryWritesThem() {
        assertThat(PhoneNumbers.forDisplay("+12015550123")).isEqualTo("+1 201-555-0123");
        assertThat(PhoneNumbers.forDisplay("+447700900123")).isEqualTo("+44 7700 900123");
        assertThat(PhoneNumbers.forDisplay("2015550123")).isEqualTo("2015550123");
        assertThat(PhoneNumbers.forDisplay("+")).isEqualTo("+");
        assertThat(PhoneNumbers.forDisplay(null)).isNull();
    }

    private static Throwable catchRefusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return org.assertj.core.api.Assertions.catchThrowable(call);
    }
}
