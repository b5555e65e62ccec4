package io.leadreach.whatsapp.internal;

import io.leadreach.attachment.MediaKind;
import io.leadreach.attachment.StoredAttachment;
import io.leadreach.transport.MessageContent;
import io.leadreach.transport.OutboundMessage;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON bodies of {@code POST /{phone-number-id}/messages}, shaped as Meta documents them. */
public final class Payloads {

    private Payloads() {
    }

    /** A text message. */
    public static byte[] text(OutboundMessage message, MessageContent.Text text) {
        ObjectNode root = envelope(message, "text");
        root.putObject("text").put("preview_url", text.previewUrl()).put("body", text.body());
        return finish(root, message);
    }

    /** A media message by uploaded media id. */
    public static byte[] media(OutboundMessage message, MessageContent.Media media, String mediaId) {
        StoredAttachment attachment = media.file().attachment();
        MediaKind kind = attachment.kind();
        ObjectNode root = envelope(message, kind.apiName());
        ObjectNode object = mediaObject(root.putObject(kind.apiName()), attachment, mediaId);
        if (media.caption() != null && !media.caption().isEmpty() && kind != MediaKind.AUDIO) {
            object.put("caption", media.caption());
        }
        return finish(root, message);
    }

    /** An approved template with its header media, body parameters and quick-reply payloads. */
    public static byte[] template(OutboundMessage message, MessageContent.Template template, String headerMediaId) {
        ObjectNode root = envelope(message, "template");
        ObjectNode t = root.putObject("template");
        t.put("name", template.name());
        t.putObject("language").put("code", template.language());
        ArrayNode components = t.putArray("components");
        if (template.headerMedia() != null) {
            StoredAttachment attachment = template.headerMedia().attachment();
            String kind = attachment.kind().apiName();
            ObjectNode header = components.addObject().put("type", "header");
            ObjectNode parameter = header.putArray("parameters").addObject().put("type", kind);
            mediaObject(parameter.putObject(kind), attachment, headerMediaId);
        }
        List<String> body = template.bodyParameters();
        if (!body.isEmpty()) {
            ArrayNode parameters = components.addObject().put("type", "body").putArray("parameters");
            for (String value : body) {
                parameters.addObject().put("type", "text").put("text", value);
            }
        }
        List<String> payloads = template.buttonPayloads();
        for (int i = 0; i < payloads.size(); i++) {
            if (payloads.get(i) == null) {
                continue;
            }
            ObjectNode button = components.addObject()
                    .put("type", "button").put("sub_type", "quick_reply").put("index", String.valueOf(i));
            button.putArray("parameters").addObject().put("type", "payload").put("payload", payloads.get(i));
        }
        if (components.isEmpty()) {
            t.remove("components");
        }
        return finish(root, message);
    }

    private static ObjectNode mediaObject(ObjectNode object, StoredAttachment attachment, String mediaId) {
        object.put("id", mediaId);
        if (attachment.kind() == MediaKind.DOCUMENT) {
            object.put("filename", attachment.filename());
        }
        return object;
    }

    private static ObjectNode envelope(OutboundMessage message, String type) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("messaging_product", "whatsapp");
        root.put("recipient_type", "individual");
        root.put("to", message.to());
        root.put("type", type);
        return root;
    }

    private static byte[] finish(ObjectNode root, OutboundMessage message) {
        root.put("biz_opaque_callback_data", message.correlationId());
        return Json.MAPPER.writeValueAsBytes(root);
    }
}
