package io.leadreach.whatsapp.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts every request and hands it to its endpoint by path and method; anything else gets Meta's error 100. */
final class Routes implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(WhatsAppCloudSimulator.class);

    private static final Pattern VERSION = Pattern.compile("v[0-9]{1,3}\\.[0-9]{1,2}");

    private final Http http;
    private final Traffic traffic;
    private final MessagesEndpoint messages;
    private final MediaEndpoint media;
    private final TemplatesEndpoint templates;

    Routes(Http http, Traffic traffic, MessagesEndpoint messages, MediaEndpoint media, TemplatesEndpoint templates) {
        this.http = http;
        this.traffic = traffic;
        this.messages = messages;
        this.media = media;
        this.templates = templates;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        traffic.requested();
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException bug) {
                // Answer like Meta's own "something went wrong" rather than dropping the connection,
                // which a client would have to treat as an unknown outcome.
                log.warn("simulator failed on {}: {}", exchange.getRequestURI(), bug.toString());
                if (exchange.getResponseCode() == -1) {
                    http.error(exchange, new SimulatorError(131000, bug.toString()), null);
                }
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getRawPath().split("/");
        String method = exchange.getRequestMethod();
        if (path.length != 4 || !path[0].isEmpty() || !VERSION.matcher(path[1]).matches()) {
            Http.drain(exchange, Http.MAX_JSON_BODY);
            http.error(exchange, new SimulatorError(100, "Unknown path components: "
                    + exchange.getRequestURI().getRawPath(), null), null);
            return;
        }
        String id = path[2];
        String edge = path[3];
        if ("POST".equals(method) && "messages".equals(edge)) {
            messages.handle(exchange, id);
        } else if ("POST".equals(method) && "media".equals(edge)) {
            media.handle(exchange, id);
        } else if ("GET".equals(method) && "message_templates".equals(edge)) {
            templates.handle(exchange, id);
        } else {
            Http.drain(exchange, Http.MAX_JSON_BODY);
            http.error(exchange, new SimulatorError(100, "Unsupported " + method + " request on " + edge, null), null);
        }
    }
}
