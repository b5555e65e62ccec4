package io.leadreach.preview;

import io.leadreach.analytics.RateCard;
import io.leadreach.template.ProviderTemplate;
import java.util.List;
import java.util.Objects;

/**
 * What campaign previews estimate with.
 *
 * @param rateCard          prices for the cost estimate, or null for no cost estimate
 * @param messagingLimit    the business portfolio's messaging-limit tier
 * @param providerTemplates the approved WhatsApp templates (as synced from the provider), to learn a
 *                          binding's category; may be empty. {@link io.leadreach.LeadReach} gives the
 *                          same list to the engine, so a campaign skips a MARKETING template to a +1
 *                          number exactly when its preview says so
 * @param pageSize          leads read per page while counting skips
 * @param maxScanned        the most leads one preview reads; beyond it the counts cover only those read
 */
public record PreviewConfig(RateCard rateCard, MessagingLimit messagingLimit, List<ProviderTemplate> providerTemplates,
                            int pageSize, long maxScanned) {

    /** The default leads per page. */
    public static final int DEFAULT_PAGE_SIZE = 500;
    /** The default scan bound. */
    public static final long DEFAULT_MAX_SCANNED = 1_000_000;

    public PreviewConfig {
        Objects.requireNonNull(messagingLimit, "messagingLimit");
        providerTemplates = providerTemplates == null ? List.of() : List.copyOf(providerTemplates);
        if (pageSize < 1 || maxScanned < 1) {
            throw new IllegalArgumentException("pageSize and maxScanned must be positive");
        }
    }

    /** No rate card, the 250 tier, no provider templates, 500 a page, at most a million leads. */
    public static PreviewConfig ofDefaults() {
        return new PreviewConfig(null, MessagingLimit.TIER_250, List.of(), DEFAULT_PAGE_SIZE, DEFAULT_MAX_SCANNED);
    }

    /** This configuration with that rate card. */
    public PreviewConfig withRateCard(RateCard card) {
        return new PreviewConfig(card, messagingLimit, providerTemplates, pageSize, maxScanned);
    }

    /** This configuration with that messaging limit. */
    public PreviewConfig withMessagingLimit(MessagingLimit limit) {
        return new PreviewConfig(rateCard, limit, providerTemplates, pageSize, maxScanned);
    }

    /** This configuration with these provider templates. */
    public PreviewConfig withProviderTemplates(List<ProviderTemplate> templates) {
        return new PreviewConfig(rateCard, messagingLimit, templates, pageSize, maxScanned);
    }

    /** This configuration with these paging bounds. */
    public PreviewConfig withPaging(int newPageSize, long newMaxScanned) {
        return new PreviewConfig(rateCard, messagingLimit, providerTemplates, newPageSize, newMaxScanned);
    }
}
