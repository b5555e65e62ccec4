package io.leadreach.preview;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * What the campaign's messages would cost by the rate card, if every one were delivered.
 *
 * @param currency the rate card's currency
 * @param total    the sum over priced template messages
 * @param priced   template messages the card has a price for
 * @param free     free-form messages inside the 24-hour window (not charged)
 * @param unpriced template messages to countries or categories the card has no price for (not in the total)
 */
public record CostEstimate(Currency currency, BigDecimal total, long priced, long free, long unpriced) {

    public CostEstimate {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(total, "total");
    }
}
