package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code docs/properties.md} is the table of every {@code leadreach.*} property rendered from the
 * configuration metadata the starter ships (its properties' Javadoc, through the configuration
 * processor, merged with {@code additional-spring-configuration-metadata.json}): a property added,
 * renamed, re-described or given another default without regenerating the page fails here.
 * {@code -Dleadreach.docs.write=true} rewrites the page instead.
 */
class PropertiesDocumentTest {

    static final String WRITE_PROPERTY = "leadreach.docs.write";
    static final String REGENERATE = "mvn -q -pl spring-adapter -am verify -Dtest=PropertiesDocumentTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE_PROPERTY + "=true";

    private static final Pattern QUALIFIER = Pattern.compile("\\b(?:[a-z_][\\w]*\\.)+|\\b\\w+\\$");

    @Test
    void docsPropertiesIsTheConfigurationMetadata() throws Exception {
        String rendered = render(ConfigurationMetadataTest.metadata());
        Path document = document();
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            Files.writeString(document, rendered, StandardCharsets.UTF_8);
        }
        String written = Files.exists(document) ? Files.readString(document, StandardCharsets.UTF_8) : "";
        assertThat(written)
                .as("%s is not what the configuration metadata gives; regenerate it with%n  %s", document, REGENERATE)
                .isEqualTo(rendered);
    }

    @Test
    void theTableCarriesNamesTypesDefaultsDescriptionsAndValues() throws Exception {
        String rendered = render(ConfigurationMetadataTest.metadata());
        assertThat(rendered)
                .contains("| `leadreach.sending.lead-pacing` | `Duration` | `6s` | ")
                .contains("| `leadreach.attachments.max-size` | `DataSize` | `5MB` |")
                .contains("| `leadreach.ui.test-recipients` | `Map<String,String>` |  | Each user's own WhatsApp number")
                .contains("Values: `sandbox` (Start the Cloud API simulator in-process; nothing leaves the machine), `cloud-api` (")
                .contains("`tier-250`")
                .contains("**Deprecated**: one switch for all of LeadReach's schema changes")
                .contains("as `leadreach.initialize-schema=false` does")
                .doesNotContain("{@code");
    }

    /** {@code docs/properties.md}, beside this module ({@code basedir} is the module under surefire). */
    static Path document() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .resolve("../docs/properties.md").normalize();
    }

    static String render(JsonNode metadata) throws IOException {
        Map<String, String> hints = new TreeMap<>();
        for (JsonNode hint : metadata.path("hints")) {
            List<String> values = new ArrayList<>();
            for (JsonNode value : hint.path("values")) {
                String description = value.path("description").asString("");
                values.add("`" + value.path("value").asString() + "`"
                        + (description.isEmpty() ? "" : " (" + description.replaceAll("\\.$", "") + ")"));
            }
            hints.put(hint.path("name").asString(), String.join(", ", values));
        }
        List<String> groups = new ArrayList<>();
        metadata.path("groups").forEach(group -> groups.add(group.path("name").asString()));
        Map<String, List<JsonNode>> byGroup = new TreeMap<>();
        for (JsonNode property : metadata.path("properties")) {
            String name = property.path("name").asString();
            String group = groups.stream().filter(g -> name.startsWith(g + "."))
                    .max(Comparator.comparingInt(String::length)).orElse(LeadReachProperties.PREFIX);
            byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(property);
        }
        StringBuilder out = new StringBuilder();
        out.append("# Spring Boot properties\n\n")
                .append("<!-- Generated from the starter's configuration metadata by spring-adapter's\n")
                .append("     PropertiesDocumentTest; do not edit. Change the Javadoc of LeadReachProperties or\n")
                .append("     additional-spring-configuration-metadata.json, then run\n")
                .append("     ").append(REGENERATE).append(" -->\n\n")
                .append("Every `leadreach.*` property of `io.leadreach:leadreach-spring-boot-starter`, as your IDE\n")
                .append("completes it. The properties are checked at start-up. The plain-Java builder's defaults are in\n")
                .append("[configuration.md](configuration.md).\n");
        for (Map.Entry<String, List<JsonNode>> group : byGroup.entrySet()) {
            out.append("\n## `").append(group.getKey()).append("`\n\n")
                    .append("| property | type | default | description |\n|---|---|---|---|\n");
            group.getValue().sort(Comparator.comparing(p -> p.path("name").asString()));
            for (JsonNode property : group.getValue()) {
                String name = property.path("name").asString();
                String type = property.path("type").asString("");
                out.append("| `").append(name).append("` | ")
                        .append(type.isEmpty() ? "" : "`" + QUALIFIER.matcher(type).replaceAll("") + "`").append(" | ")
                        .append(defaultValue(property.path("defaultValue"))).append(" | ")
                        .append(cell(description(property, hints.getOrDefault(name, enumValues(type))))).append(" |\n");
            }
        }
        return out.toString();
    }

    private static String defaultValue(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> values = new ArrayList<>();
            value.forEach(v -> values.add("`" + v.asString() + "`"));
            return cell(String.join(", ", values));
        }
        return "`" + cell(value.asString()) + "`";
    }

    private static String description(JsonNode property, String values) {
        StringBuilder text = new StringBuilder();
        JsonNode deprecation = property.path("deprecation");
        if (property.path("deprecated").asBoolean(false) || !deprecation.isMissingNode()) {
            text.append("**Deprecated**");
            String reason = deprecation.path("reason").asString("");
            String replacement = deprecation.path("replacement").asString("");
            text.append(reason.isEmpty() ? "" : ": " + reason)
                    .append(replacement.isEmpty() ? "" : "; use `" + replacement + "`").append(". ");
        }
        text.append(javadoc(property.path("description").asString("")));
        if (!values.isEmpty()) {
            text.append(" Values: ").append(values).append('.');
        }
        return text.toString();
    }

    /** An enum type's constants as Spring's relaxed binding writes them ({@code TIER_250}: {@code tier-250}). */
    private static String enumValues(String type) {
        Class<?> enumType;
        try {
            enumType = Class.forName(type, false, PropertiesDocumentTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "";
        }
        if (!enumType.isEnum()) {
            return "";
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Object constant : enumType.getEnumConstants()) {
            String value = ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-');
            values.put(value, "`" + value + "`");
        }
        return values.values().stream().collect(Collectors.joining(", "));
    }

    /** The description's Javadoc tags as Markdown: {@code {@code x}} and {@code {@link x}} become code. */
    static String javadoc(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int tag = text.indexOf("{@", i);
            if (tag < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, tag);
            int start = text.indexOf(' ', tag);
            if (start < 0) {
                out.append(text, tag, text.length());
                break;
            }
            int depth = 1;
            int end = start;
            while (end + 1 < text.length() && depth > 0) {
                end++;
                char c = text.charAt(end);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            out.append('`').append(text, start + 1, end).append('`');
            i = end + 1;
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replaceAll("\\s+", " ").trim().replace("|", "\\|");
    }
}
