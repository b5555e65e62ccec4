package io.leadreach.whatsapp.simulator;

import com.sun.net.httpserver.HttpExchange;
import io.leadreach.template.ProviderTemplate;
import io.leadreach.whatsapp.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /{version}/{phone-number-id}/messages}: injects the next {@linkplain Faults fault} of
 * the number, else checks the request by Meta's payload rules and the number's
 * {@link NumberRules}, records the accepted message, schedules its webhooks and answers with its
 * wamid. An id that is no configured number is Meta's error 100 (after the default number's faults).
 */
final class MessagesEndpoint {

    private final Http http;
    private final Map<String, SimNumber> numbers;
    private final SimNumber defaultNumber;
    private final Traffic traffic;
    private final Webhooks webhooks;
    private final Clock clock;

    /** {@code numbers} by phone number id, the default one first. */
    MessagesEndpoint(Http http, Map<String, SimNumber> numbers, Traffic traffic, Webhooks webhooks, Clock clock) {
        this.http = http;
        this.numbers = numbers;
        this.defaultNumber = numbers.values().iterator().next();
        this.traffic = traffic;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    void handle(HttpExchange exchange, String phoneId) throws IOException {
        byte[] body = Http.read(exchange, Http.MAX_JSON_BODY);
        if (body == null) {
            http.error(exchange, new SimulatorError(100, "Request body too large", null), null);
            return;
        }
        SimNumber number = numbers.get(phoneId);
        if (injectFault(exchange, number == null ? defaultNumber.faults() : number.faults())) {
            return;
        }
        try {
            http.authorize(exchange);
            if (number == null) {
                throw Http.unknownObject(phoneId);
            }
            SentMessage accepted = accept(number, body);
            ObjectNode response = Json.MAPPER.createObjectNode();
            response.put("messaging_product", "whatsapp");
            response.putArray("contacts").addObject().put("input", accepted.to())
                    .put("wa_id", Numbers.digits(accepted.to()));
            ObjectNode message = response.putArray("messages").addObject().put("id", accepted.wamid());
            if ("template".equals(accepted.type())) {
                message.put("message_status", "accepted");
            }
            Http.sendJson(exchange, 200, response);
        } catch (SimulatorError e) {
            http.error(exchange, e, null);
        }
    }

    /** Waits and fails as the next fault says; whether the request was answered (or dropped) by it. */
    private boolean injectFault(HttpExchange exchange, Faults faults) throws IOException {
        Fault fault = faults.next();
        if (fault == null) {
            return false;
        }
        if (!fault.delay().isZero()) {
            try {
                Thread.sleep(fault.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("simulator stopping", e);
            }
        }
        switch (fault.kind()) {
            case RESET:
                // The JDK server drops the connection, without a response, when a handler fails.
                throw new IOException("simulated connection reset after the request was read");
            case HTTP:
                byte[] page = ("<html><head><title>" + fault.value() + "</title></head><body><h1>Service "
                        + "Unavailable</h1></body></html>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                Http.send(exchange, fault.value(), page);
                return true;
            case CODE:
                http.error(exchange, new SimulatorError(fault.value(), "injected fault"), fault.retryAfter());
                return true;
            default:
                return false;
        }
    }

    private SentMessage accept(SimNumber number, byte[] body) throws SimulatorError {
        MessageRequest request = MessageRequest.parse(body, number.rules()::checkMedia);
        ProviderTemplate template = number.rules().check(request);
        SentMessage message = new SentMessage(traffic.nextWamid(), request.to(), request.type(), request.text(),
                request.correlationId(), request.mediaId(), request.templateName(), request.parameters(),
                traffic.recordsMessages() ? new String(body, StandardCharsets.UTF_8) : null, clock.instant(),
                number.id());
        traffic.accepted(message);
        webhooks.accepted(number, message, template, !request.isTemplate());
        return message;
    }
}
