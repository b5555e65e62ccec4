package io.leadreach.whatsapp.simulator;

import com.sun.net.httpserver.HttpExchange;
import io.leadreach.whatsapp.internal.Json;
import io.leadreach.whatsapp.internal.MediaRules;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /{version}/{phone-number-id}/media}: a multipart upload to any configured number,
 * checked by Meta's media rules. The uploads are the business's: a message from any of its numbers
 * may name them.
 */
final class MediaEndpoint {

    private final Http http;
    private final Traffic traffic;
    private final Set<String> phoneNumberIds;

    MediaEndpoint(Http http, Traffic traffic, Set<String> phoneNumberIds) {
        this.http = http;
        this.traffic = traffic;
        this.phoneNumberIds = Set.copyOf(phoneNumberIds);
    }

    void handle(HttpExchange exchange, String phoneId) throws IOException {
        byte[] body = Http.read(exchange, Http.MAX_MEDIA_BODY);
        try {
            if (body == null) {
                throw new SimulatorError(131053, "upload larger than " + Http.MAX_MEDIA_BODY + " bytes");
            }
            http.authorize(exchange);
            if (!phoneNumberIds.contains(phoneId)) {
                throw Http.unknownObject(phoneId);
            }
            List<MultipartForm.Part> parts;
            try {
                parts = MultipartForm.parse(body, exchange.getRequestHeaders().getFirst("Content-Type"));
            } catch (IllegalArgumentException e) {
                throw new SimulatorError(100, "(#100) The upload must be multipart/form-data", e.getMessage());
            }
            MultipartForm.Part file = null;
            String product = null;
            for (MultipartForm.Part part : parts) {
                if ("file".equals(part.name())) {
                    file = part;
                } else if ("messaging_product".equals(part.name())) {
                    product = part.text().trim();
                }
            }
            if (!"whatsapp".equals(product)) {
                throw new SimulatorError(100, "(#100) The parameter messaging_product is required.", null);
            }
            if (file == null || file.contentType() == null) {
                throw new SimulatorError(100, "(#100) The parameter file is required.", null);
            }
            String problem = MediaRules.problem(file.contentType(), file.data().length);
            if (problem != null) {
                throw new SimulatorError(131053, problem);
            }
            String id = traffic.nextMediaId();
            traffic.uploaded(new UploadedMedia(id, MediaRules.baseType(file.contentType()), file.filename(),
                    file.data().length, sha256(file.data())));
            Http.sendJson(exchange, 200, Json.MAPPER.createObjectNode().put("id", id));
        } catch (SimulatorError e) {
            http.error(exchange, e, null);
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
