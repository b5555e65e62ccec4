package io.leadreach.internal;

import io.leadreach.analytics.PricingCategory;
import io.leadreach.template.ProviderTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.template.WhatsAppTemplateBinding;
import java.util.List;
import java.util.Optional;

/**
 * What WhatsApp category an approved template has: the synced provider template of that name and
 * language says, else it is assumed from the library template's category (PROMOTIONAL, or none
 * known, → MARKETING; the others → UTILITY). The runner, the service and the preview ask the same
 * question here, so a MARKETING binding is recognised alike by all three (Meta does not deliver
 * MARKETING templates to +1 numbers: {@link SendDecision}).
 *
 * @param known the provider templates as synced (may be empty)
 */
public record TemplateCategories(List<ProviderTemplate> known) {

    /** None known: every category is assumed from the library template's. */
    public static final TemplateCategories NONE = new TemplateCategories(List.of());

    public TemplateCategories {
        known = known == null ? List.of() : List.copyOf(known);
    }

    /** A binding's category, and whether it was assumed rather than read from a provider template. */
    public record Category(PricingCategory category, boolean assumed) {
    }

    /** The binding's category; {@code library} is the category of the library template it belongs to (may be null). */
    public Category of(WhatsAppTemplateBinding binding, TemplateCategory library) {
        for (ProviderTemplate p : known) {
            if (p.name().equals(binding.name()) && p.language().equalsIgnoreCase(binding.language())) {
                Optional<PricingCategory> c = PricingCategory.parse(p.category());
                if (c.isPresent()) {
                    return new Category(c.get(), false);
                }
            }
        }
        return new Category(library == TemplateCategory.PROMOTIONAL || library == null
                ? PricingCategory.MARKETING : PricingCategory.UTILITY, true);
    }

    /** Whether the binding is a MARKETING template. */
    public boolean isMarketing(WhatsAppTemplateBinding binding, TemplateCategory library) {
        return binding != null && of(binding, library).category() == PricingCategory.MARKETING;
    }
}
