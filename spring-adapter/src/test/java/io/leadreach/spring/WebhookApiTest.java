package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.tracking.DeliveryEvent;
import io.leadreach.tracking.InboundReply;
import io.leadreach.whatsapp.WebhookVerifier;
import io.leadreach.whatsapp.WhatsAppCloudSimulator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

class WebhookApiTest extends ApiTestSupport {

    private static final String WEBHOOK = "/leads/whatsapp/webhook";
    private static final String BODY = """
            {"object":"whatsapp_business_account","entry":[{"id":"200000000000002","changes":[{"field":"messages",
            "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000000",
            "phone_number_id":"100000000000001"},
            "statuses":[{"id":"wamid.TEST1","status":"delivered","timestamp":"1772452800",
            "recipient_id":"12015550101","biz_opaque_callback_data":"c-1"}],
            "contacts":[{"profile":{"name":"Lead 2"},"wa_id":"12015550102"}],
            "messages":[{"from":"12015550102","id":"wamid.IN1","timestamp":"1772452801","type":"text",
            "text":{"body":"STOP"}}]}}]}]}""";

    @Autowired
    TestApplication.RecordingHandler handler;

    private final WebhookVerifier signer = new WebhookVerifier(WhatsAppCloudSimulator.DEFAULT_APP_SECRET, null);

    @BeforeEach
    void clearEvents() {
        handler.events.clear();
    }

    @Test
    void handshakeEchoesTheChallengeForTheRightToken() throws Exception {
        mvc.perform(get(WEBHOOK).param("hub.mode", "subscribe")
                        .param("hub.verify_token", WhatsAppCloudSimulator.DEFAULT_VERIFY_TOKEN)
                        .param("hub.challenge", "1158201444"))
                .andExpect(status().isOk())
                .andExpect(content().string("1158201444"));
    }

    @Test
    void handshakeWithAWrongTokenIsRefused() throws Exception {
        mvc.perform(get(WEBHOOK).param("hub.mode", "subscribe").param("hub.verify_token", "guess")
                        .param("hub.challenge", "1158201444"))
                .andExpect(status().isForbidden());
    }

    @Test
    void signedDeliveryHandsItsEventsOverWithoutLoginOrCsrf() throws Exception {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        mvc.perform(post(WEBHOOK).contentType(MediaType.APPLICATION_JSON).content(body)
                        .header(WebhookVerifier.SIGNATURE_HEADER, signer.sign(body)))
                .andExpect(status().isOk());
        assertThat(handler.events).hasSize(2);
        assertThat(handler.events.get(0)).isInstanceOf(DeliveryEvent.class);
        assertThat(handler.events.get(1)).isInstanceOfSatisfying(InboundReply.class,
                r -> assertThat(r.text()).isEqualTo("STOP"));
    }

    @Test
    void unsignedDeliveryIsRefusedBeforeParsing() throws Exception {
        mvc.perform(post(WEBHOOK).contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(handler.events).isEmpty();
    }

    @Test
    void deliveryWhoseBodyWasChangedAfterSigningIsRefused() throws Exception {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String signature = signer.sign(body);
        mvc.perform(post(WEBHOOK).contentType(MediaType.APPLICATION_JSON).content(BODY.replace("STOP", "Hi"))
                        .header(WebhookVerifier.SIGNATURE_HEADER, signature))
                .andExpect(status().isUnauthorized());
        assertThat(handler.events).isEmpty();
    }

    @Test
    void signedButUnreadableBodyIs400() throws Exception {
        byte[] body = "{not json".getBytes(StandardCharsets.UTF_8);
        mvc.perform(post(WEBHOOK).contentType(MediaType.APPLICATION_JSON).content(body)
                        .header(WebhookVerifier.SIGNATURE_HEADER, signer.sign(body)))
                .andExpect(status().isBadRequest());
        assertThat(handler.events).isEmpty();
    }
}
