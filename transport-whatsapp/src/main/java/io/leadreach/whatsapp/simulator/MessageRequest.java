package io.leadreach.whatsapp.simulator;

import io.leadreach.whatsapp.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A {@code POST /messages} body as the simulator reads it, checked the way the Cloud API checks
 * it: product, E.164 recipient, known type, text and caption lengths, media by id or link.
 *
 * @param to            the recipient as sent
 * @param type          the message type
 * @param text          the text body or caption, or null
 * @param correlationId {@code biz_opaque_callback_data}, or null
 * @param mediaId       the media id (message or template header), or null
 * @param templateName  the template's name, or null
 * @param language      the template's language code, or null
 * @param parameters    the template's body parameters
 */
record MessageRequest(String to, String type, String text, String correlationId, String mediaId,
                             String templateName, String language, List<String> parameters) {

    /** Checks a media id the simulator issued against the message type using it. */
    @FunctionalInterface
    public interface MediaCheck {
        /** Throws when the id is unknown or of another kind. */
        void check(String type, String mediaId) throws SimulatorError;
    }

    private static final Pattern TO = Pattern.compile("\\+?[1-9][0-9]{6,14}");
    private static final Set<String> OTHER_FREE_FORM = Set.of("sticker", "location", "contacts", "interactive",
            "reaction");

    /** Whether it is a template (which needs no open service window). */
    public boolean isTemplate() {
        return "template".equals(type);
    }

    /** The recipient without its '+'. */
    public String recipientDigits() {
        return to.startsWith("+") ? to.substring(1) : to;
    }

    /**
     * Reads and checks a body.
     *
     * @throws SimulatorError with Meta's code for the first problem found
     */
    public static MessageRequest parse(byte[] body, MediaCheck media) throws SimulatorError {
        JsonNode json = Json.tryParse(body);
        if (json == null || !json.isObject()) {
            throw new SimulatorError(100, "(#100) The request body is not valid JSON", null);
        }
        if (!"whatsapp".equals(Json.text(json.path("messaging_product")))) {
            throw new SimulatorError(100, "(#100) The parameter messaging_product is required.", null);
        }
        String to = Json.text(json.path("to"));
        if (to == null || !TO.matcher(to).matches()) {
            throw new SimulatorError(100, "(#100) Invalid parameter", "Parameter 'to' must be a phone number in E.164 form");
        }
        String correlationId = Json.text(json.path("biz_opaque_callback_data"));
        if (correlationId != null && correlationId.length() > 512) {
            throw new SimulatorError(100, "(#100) Invalid parameter",
                    "biz_opaque_callback_data must be at most 512 characters");
        }
        String type = Json.text(json.path("type"));
        if (type == null) {
            type = "text";
        }
        switch (type) {
            case "text": {
                String text = Json.text(json.path("text").path("body"));
                if (text == null || text.isEmpty()) {
                    throw new SimulatorError(100, "(#100) The parameter text['body'] is required.", null);
                }
                if (text.codePointCount(0, text.length()) > 4096) {
                    throw new SimulatorError(100, "(#100) Param text['body'] must be at most 4096 characters long.", null);
                }
                return new MessageRequest(to, type, text, correlationId, null, null, null, List.of());
            }
            case "image":
            case "document":
            case "video":
            case "audio": {
                JsonNode object = json.path(type);
                String mediaId = mediaId(type, object, media);
                String caption = Json.text(object.path("caption"));
                if (caption != null && "audio".equals(type)) {
                    throw new SimulatorError(100, "(#100) Param audio['caption'] is not allowed.", null);
                }
                if (caption != null && caption.codePointCount(0, caption.length()) > 1024) {
                    throw new SimulatorError(100,
                            "(#100) Param " + type + "['caption'] must be at most 1024 characters long.", null);
                }
                return new MessageRequest(to, type, caption, correlationId, mediaId, null, null, List.of());
            }
            case "template":
                return template(to, correlationId, json.path("template"), media);
            default:
                if (!OTHER_FREE_FORM.contains(type)) {
                    throw new SimulatorError(100, "(#100) Param type must be one of {TEXT, IMAGE, DOCUMENT, VIDEO, AUDIO, "
                            + "TEMPLATE, STICKER, LOCATION, CONTACTS, INTERACTIVE, REACTION}", null);
                }
                return new MessageRequest(to, type, null, correlationId, null, null, null, List.of());
        }
    }

    private static MessageRequest template(String to, String correlationId, JsonNode t, MediaCheck media)
            throws SimulatorError {
        String name = Json.nonBlank(t.path("name"));
        String language = Json.nonBlank(t.path("language").path("code"));
        if (name == null || language == null) {
            throw new SimulatorError(100, "(#100) The parameter template['name'] and template['language'] are required.",
                    null);
        }
        String mediaId = null;
        List<String> parameters = new ArrayList<>();
        for (JsonNode component : t.path("components")) {
            String componentType = Json.text(component.path("type"));
            if ("body".equalsIgnoreCase(componentType)) {
                for (JsonNode p : component.path("parameters")) {
                    parameters.add(Json.text(p.path("text")));
                }
            } else if ("header".equalsIgnoreCase(componentType)) {
                for (JsonNode p : component.path("parameters")) {
                    String pType = Json.text(p.path("type"));
                    if ("image".equals(pType) || "document".equals(pType) || "video".equals(pType)) {
                        mediaId = mediaId(pType, p.path(pType), media);
                    }
                }
            }
        }
        return new MessageRequest(to, "template", null, correlationId, mediaId, name, language,
                List.copyOf(parameters));
    }

    private static String mediaId(String type, JsonNode object, MediaCheck media) throws SimulatorError {
        if (!object.isObject()) {
            throw new SimulatorError(100, "(#100) The parameter " + type + " is required.", null);
        }
        String id = Json.nonBlank(object.path("id"));
        String link = Json.nonBlank(object.path("link"));
        if ((id == null) == (link == null)) {
            throw new SimulatorError(100, "(#100) Param " + type + " must have exactly one of id or link", null);
        }
        if (id != null) {
            media.check(type, id);
        }
        return id;
    }
}
