package io.leadreach.whatsapp.simulator;

import io.leadreach.template.ProviderTemplate;
import io.leadreach.whatsapp.internal.Json;
import java.time.Instant;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON the simulator writes: webhook status, message and preference items, and template listings. */
final class SimulatorEvents {

    private SimulatorEvents() {
    }

    /** A {@code statuses[]} item; {@code errorCode} 0 for none (then with pricing). */
    public static ObjectNode status(String wamid, String status, Instant at, String recipientDigits,
                                    String correlationId, String pricingCategory, int errorCode) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", wamid);
        node.put("status", status);
        node.put("timestamp", String.valueOf(at.getEpochSecond()));
        node.put("recipient_id", recipientDigits);
        if (correlationId != null) {
            node.put("biz_opaque_callback_data", correlationId);
        }
        if (errorCode != 0) {
            ObjectNode error = node.putArray("errors").addObject();
            error.put("code", errorCode);
            error.put("title", SimulatorError.title(errorCode));
            error.put("message", SimulatorError.title(errorCode));
            error.putObject("error_data").put("details", "Simulated delivery failure");
        } else {
            boolean free = "service".equals(pricingCategory);
            node.putObject("pricing").put("billable", !free).put("pricing_model", "PMP")
                    .put("type", free ? "free_customer_service" : "regular").put("category", pricingCategory);
        }
        return node;
    }

    /** A {@code messages[]} item: a text, or a quick-reply button when {@code payload} is set. */
    public static ObjectNode inbound(String fromDigits, String wamid, Instant at, String text, String payload,
                                     String contextWamid, String businessNumber) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("from", fromDigits);
        node.put("id", wamid);
        node.put("timestamp", String.valueOf(at.getEpochSecond()));
        if (contextWamid != null) {
            node.putObject("context").put("from", businessNumber).put("id", contextWamid);
        }
        if (payload != null) {
            node.put("type", "button");
            node.putObject("button").put("payload", payload).put("text", text == null ? payload : text);
        } else {
            node.put("type", "text");
            node.putObject("text").put("body", text == null ? "" : text);
        }
        return node;
    }

    /** A {@code user_preferences[]} item: {@code stop} or {@code resume} marketing messages. */
    public static ObjectNode preference(String digits, String value, Instant at) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("wa_id", digits);
        node.put("detail", "stop".equals(value) ? "User requested to stop marketing messages"
                : "User requested to resume marketing messages");
        node.put("category", "marketing_messages");
        node.put("value", value);
        node.put("timestamp", at.getEpochSecond());
        return node;
    }

    /** A {@code contacts[]} item with a made-up profile name. */
    public static ObjectNode contact(String digits) {
        ObjectNode contact = Json.MAPPER.createObjectNode();
        contact.putObject("profile").put("name", "Sim User " + digits.substring(Math.max(0, digits.length() - 4)));
        contact.put("wa_id", digits);
        return contact;
    }

    /** A {@code message_templates} {@code data[]} item for a template. */
    public static ObjectNode template(ProviderTemplate t) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("name", t.name());
        node.put("parameter_format", t.bodyParameterNames().isEmpty() ? "POSITIONAL" : "NAMED");
        ArrayNode components = node.putArray("components");
        if (t.headerFormat() != null) {
            ObjectNode header = components.addObject().put("type", "HEADER").put("format", t.headerFormat());
            if ("TEXT".equals(t.headerFormat())) {
                header.put("text", "Hello");
            }
        }
        String body = t.body();
        if (body == null) {
            StringBuilder sb = new StringBuilder("Template " + t.name());
            if (t.bodyParameterNames().isEmpty()) {
                for (int i = 1; i <= t.bodyParameterCount(); i++) {
                    sb.append(" {{").append(i).append("}}");
                }
            } else {
                for (String name : t.bodyParameterNames()) {
                    sb.append(" {{").append(name).append("}}");
                }
            }
            body = sb.toString();
        }
        components.addObject().put("type", "BODY").put("text", body);
        node.put("language", t.language());
        node.put("status", t.status());
        if (t.category() != null) {
            node.put("category", t.category());
        }
        node.put("id", String.valueOf(300_000_000_000_000L + Math.abs((long) (t.name() + t.language()).hashCode())));
        return node;
    }
}
