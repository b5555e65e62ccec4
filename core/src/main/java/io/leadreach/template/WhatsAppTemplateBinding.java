package io.leadreach.template;

import java.util.List;
import java.util.Objects;

/**
 * Binds a library template to a provider-approved WhatsApp template, so it can be sent outside
 * the 24-hour service window.
 *
 * @param name       the approved template's name at the provider
 * @param language   its language code, such as {@code en_US}
 * @param parameters the library variables that fill the approved template's body parameters, in
 *                   order (e.g. {@code [name, product_interest]} for {@code {{1}}} and {@code {{2}}})
 */
public record WhatsAppTemplateBinding(String name, String language, List<String> parameters) {

    public WhatsAppTemplateBinding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }
}
