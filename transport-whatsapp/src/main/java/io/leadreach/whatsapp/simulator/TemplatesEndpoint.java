package io.leadreach.whatsapp.simulator;

import com.sun.net.httpserver.HttpExchange;
import io.leadreach.template.ProviderTemplate;
import io.leadreach.whatsapp.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /{version}/{waba-id}/message_templates}: the configured templates, cursor-paged as Meta
 * pages them, for any WABA of the configured numbers.
 */
final class TemplatesEndpoint {

    private final Http http;
    private final Set<String> wabaIds;
    private final int pageSize;
    private final String baseUrl;
    private final List<ObjectNode> templateJson = new ArrayList<>();

    TemplatesEndpoint(Http http, Set<String> wabaIds, List<ProviderTemplate> templates, int pageSize, String baseUrl) {
        this.http = http;
        this.wabaIds = Set.copyOf(wabaIds);
        this.pageSize = pageSize;
        this.baseUrl = baseUrl;
        for (ProviderTemplate t : templates) {
            templateJson.add(SimulatorEvents.template(t));
        }
    }

    void handle(HttpExchange exchange, String wabaId) throws IOException {
        Http.drain(exchange, Http.MAX_JSON_BODY);
        try {
            http.authorize(exchange);
            if (!wabaIds.contains(wabaId)) {
                throw Http.unknownObject(wabaId);
            }
            Map<String, String> query = Http.query(exchange.getRequestURI().getRawQuery());
            int limit = pageSize;
            try {
                if (query.containsKey("limit")) {
                    limit = Math.max(1, Math.min(1000, Integer.parseInt(query.get("limit"))));
                }
            } catch (NumberFormatException e) {
                throw new SimulatorError(100, "(#100) Param limit must be a number", null);
            }
            int from = 0;
            if (query.containsKey("after")) {
                try {
                    from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(query.get("after")),
                            StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new SimulatorError(100, "(#100) Invalid cursor", null);
                }
            }
            int to = Math.min(templateJson.size(), from + limit);
            ObjectNode page = Json.MAPPER.createObjectNode();
            var data = page.putArray("data");
            for (int i = from; i < to; i++) {
                data.add(templateJson.get(i));
            }
            if (to > from) {
                ObjectNode paging = page.putObject("paging");
                ObjectNode cursors = paging.putObject("cursors");
                cursors.put("before", cursor(from));
                cursors.put("after", cursor(to));
                if (to < templateJson.size()) {
                    paging.put("next", baseUrl + exchange.getRequestURI().getRawPath() + "?limit=" + limit
                            + "&after=" + cursor(to));
                }
            }
            Http.sendJson(exchange, 200, page);
        } catch (SimulatorError e) {
            http.error(exchange, e, null);
        }
    }

    private static String cursor(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                String.valueOf(index).getBytes(StandardCharsets.US_ASCII));
    }
}
