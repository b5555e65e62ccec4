package io.leadreach.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateCardTest {

    private static RateCard parse(String text) {
        return RateCard.parse(new StringReader(text));
    }

    @Test
    void aCardWithHeaderCommentsAndBlankLinesParses() {
        RateCard card = parse("# sample\ncountry_calling_code,category,price,currency\n\n"
                + "1,MARKETING,0.025,USD\n+44, utility ,0.02,usd\n");

        assertThat(card.size()).isEqualTo(2);
        assertThat(card.currency()).isEqualTo(Currency.getInstance("USD"));
        assertThat(card.price(1, PricingCategory.MARKETING)).contains(new BigDecimal("0.025"));
        assertThat(card.price(44, PricingCategory.UTILITY)).contains(new BigDecimal("0.02"));
        assertThat(card.price(44, PricingCategory.MARKETING)).isEmpty();
    }

    @Test
    void anEmptyCardIsRefused() {
        assertThatThrownBy(() -> parse("")).isInstanceOfSatisfying(RateCardException.class,
                e -> assertThat(e.lineNumber()).isZero());
        assertThatThrownBy(() -> parse("# only a comment\ncountry_calling_code,category,price,currency\n"))
                .isInstanceOf(RateCardException.class).hasMessageContaining("no rates");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1,MARKETING,0.025",
        "x1,MARKETING,0.025,USD",
        "1,PROMO,0.025,USD",
        "1,MARKETING,cheap,USD",
        "1,MARKETING,-0.01,USD",
        "1,MARKETING,0.025,XXY",
        "1,UTILITY,0.004,EUR",
        "1,MARKETING,0.03,USD",
        "1000,MARKETING,0.03,USD",
    })
    void aBadRowIsRefusedNamingItsLine(String badRow) {
        String card = "# card\ncountry_calling_code,category,price,currency\n1,MARKETING,0.025,USD\n" + badRow + "\n";

        assertThatThrownBy(() -> parse(card)).isInstanceOfSatisfying(RateCardException.class, e -> {
            assertThat(e.lineNumber()).isEqualTo(4);
            assertThat(e.getMessage()).startsWith("rate card line 4: ");
        });
    }

    @Test
    void theSampleCardLoadsAndSaysItIsSampleData() throws Exception {
        RateCard card = RateCard.sample();

        assertThat(card.price(1, PricingCategory.MARKETING)).isPresent();
        try (var in = RateCard.class.getResourceAsStream(RateCard.SAMPLE_RESOURCE)) {
            String first = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .findFirst().orElseThrow();
            assertThat(first).startsWith("#").contains("SAMPLE DATA").contains("2026-11-25")
                    .contains("NOT Meta's official");
        }
    }
}
