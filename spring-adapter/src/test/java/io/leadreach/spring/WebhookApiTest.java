package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.tracking.Tracking;
import io.leadreach.whatsapp.WebhookVerifier;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

class WebhookApiTest extends ApiTestSupport {

    private static final String WEBHOOK = "/leads/whatsapp/webhook";
    /** A status for a message nobody sent and a STOP from a number no lead has: nothing shared is touched. */
    private static final String BODY = """
            {"object":"whatsapp_business_account","entry":[{"id":"200000000000002","changes":[{"field":"messages",
            "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000000",
            "phone_number_id":"100000000000001"},
            "statuses":[{"id":"wamid.NOBODY.SENT.THIS","status":"delivered","timestamp":"1772452800",
            "recipient_id":"12015550190","biz_opaque_callback_data":"c-1"}],
            "contacts":[{"profile":{"name":"Lead 2"},"wa_id":"12015550190"}],
            "messages":[{"from":"12015550190","id":"wamid.IN1","timestamp":"1772452801","type":"text",
            "text":{"body":"STOP"}}]}}]}]}""";

    @Autowired
    Tracking tracker;

    private final WebhookVerifier signer = new WebhookVerifier(WhatsAppCloudSimulator.DEFAULT_APP_SECRET, null);

    private long received() {
        return tracker.statistics().received();
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
    void signedDeliveryHandsItsEventsToTheTrackerWithoutLoginOrCsrf() throws Exception {
        long before = received();
        long unknownBefore = tracker.statistics().unknown();
        long optOutsBefore = tracker.statistics().optOuts();
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        mvc.perform(post(WEBHOOK).contentType(MediaType.APPLICATION_JSON).content(body)
                        .header(WebhookVerifier.SIGNATURE_HEADER, signer.sign(body)))
                .andExpect(status().isOk());
        assertThat(received()).isEqualTo(before + 2);
        assertThat(tracker.statistics().unknown()).as("the status of a message nobody sent: " + tracker.statistics()).isEqualTo(unknownBefore + 1);
        assertThat(tracker.statistics().optOuts()).as("the STOP").isEqualTo(optOutsBefore + 1);
    }

    @Test
    void unsignedDeliveryIsRefusedBeforeParsing() throws Exception {
        long before = received();
        mvc.perform(post(WEBHOOK).contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(received()).isEqualTo(before);
    }

    @Test
    void deliveryWhoseBodyWasChangedAfterSigningIsRefused() throws Exception {
        long before = received();
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String signature = signer.sign(body);
        mvc.perform(post(WEBHOOK).contentType(MediaType.APPLICATION_JSON).content(BODY.replace("STOP", "Hi"))
                        .header(WebhookVerifier.SIGNATURE_HEADER, signature))
                .andExpect(status().isUnauthorized());
        assertThat(received()).isEqualTo(before);
    }

    @Test
    void signedButUnreadableBodyIs400() throws Exception {
        long before = received();
        byte[] body = "{not json".getBytes(StandardCharsets.UTF_8);
        mvc.perform(post(WEBHOOK).contentType(MediaType.APPLICATION_JSON).content(body)
                        .header(WebhookVerifier.SIGNATURE_HEADER, signer.sign(body)))
                .andExpect(status().isBadRequest());
        assertThat(received()).isEqualTo(before);
    }
}
