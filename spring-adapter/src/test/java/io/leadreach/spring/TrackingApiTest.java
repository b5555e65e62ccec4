package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.lead.ConsentStore;
import io.leadreach.message.MessageStatus;
import io.leadreach.message.MessageStore;
import io.leadreach.security.Permission;
import io.leadreach.testing.MutableClock;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.tracking.InboundReply;
import io.leadreach.tracking.Tracking;
import io.leadreach.whatsapp.WebhookVerifier;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter's default webhook handler applies events with the delivery tracker, and the 24-hour
 * service window is enforced (its default): a context of its own, since opt-outs and windows
 * would leak into the other API tests. Each test uses its own lead.
 */
@SpringBootTest(classes = TestApplication.class, properties = {
        "leadreach.sending.lead-pacing=0s",
        "leadreach.attachments.directory=target/test-attachments",
        "logging.level.io.leadreach=WARN"})
@AutoConfigureMockMvc
class TrackingApiTest {

    private static final String WEBHOOK = "/leads/whatsapp/webhook";

    @Autowired
    MockMvc mvc;

    @Autowired
    MutableClock clock;

    @Autowired
    RecordingTransport transport;

    @Autowired
    Tracking tracker;

    @Autowired
    MessageStore messages;

    @Autowired
    ConsentStore consent;

    private final WebhookVerifier signer = new WebhookVerifier(WhatsAppCloudSimulator.DEFAULT_APP_SECRET, null);

    @BeforeEach
    void resetClock() {
        clock.set(TestApplication.NOON);
    }

    private static String mobile(long lead) {
        return String.format("+1201555%04d", 100 + lead);
    }

    private ResultActions send(long lead, String message) throws Exception {
        return mvc.perform(multipart("/leads/{lead}/whatsapp/send", lead).param("message", message)
                .with(ApiTestSupport.as(Permission.SEND)));
    }

    /** POSTs a webhook delivery holding one change value, signed as Meta would. */
    private void deliver(String value) throws Exception {
        String json = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"200000000000002\",\"changes\":"
                + "[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":"
                + "{\"display_phone_number\":\"15550000000\",\"phone_number_id\":\"100000000000001\"}," + value + "}}]}]}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        mvc.perform(post(WEBHOOK).contentType(MediaType.APPLICATION_JSON).content(body)
                        .header(WebhookVerifier.SIGNATURE_HEADER, signer.sign(body)))
                .andExpect(status().isOk());
    }

    private void inboundText(long lead, String id, String text) throws Exception {
        String from = mobile(lead).substring(1);
        deliver("\"contacts\":[{\"profile\":{\"name\":\"Lead " + lead + "\"},\"wa_id\":\"" + from + "\"}],"
                + "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + id + "\",\"timestamp\":\""
                + (clock.instant().getEpochSecond() - 60) + "\",\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}]");
    }

    private void statusUpdate(String providerMessageId, long lead, String status) throws Exception {
        deliver("\"statuses\":[{\"id\":\"" + providerMessageId + "\",\"status\":\"" + status + "\",\"timestamp\":\""
                + clock.instant().getEpochSecond() + "\",\"recipient_id\":\"" + mobile(lead).substring(1) + "\"}]");
    }

    @Test
    void aFreeFormSendOutsideTheWindowIsRefusedUntilTheLeadWrites() throws Exception {
        int before = transport.count();
        send(11, "Hello {name}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("outside_service_window"));
        assertThat(transport.count()).isEqualTo(before);

        tracker.apply(List.of(new InboundReply(mobile(11), "wamid.IN-11", "Hi, any news?", null, null, "text",
                "Lead 11", clock.instant().minusSeconds(300))));

        send(11, "Hello {name}").andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SENT"));
        assertThat(transport.count()).isEqualTo(before + 1);
    }

    @Test
    void statusWebhooksMoveASentMessageToDeliveredThenRead() throws Exception {
        inboundText(12, "wamid.IN-12", "Hello?"); // opens the window over HTTP
        String json = send(12, "Thanks for writing, {first_name}").andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String providerId = JsonMapper.builder().build().readTree(json).path("providerMessageId").asString();
        assertThat(messages.findByProviderMessageId(providerId)).get()
                .satisfies(m -> assertThat(m.status()).isEqualTo(MessageStatus.SENT));

        statusUpdate(providerId, 12, "delivered");
        assertThat(messages.findByProviderMessageId(providerId).orElseThrow().status()).isEqualTo(MessageStatus.DELIVERED);

        clock.advance(Duration.ofMinutes(1));
        statusUpdate(providerId, 12, "read");
        assertThat(messages.findByProviderMessageId(providerId).orElseThrow().status()).isEqualTo(MessageStatus.READ);

        statusUpdate(providerId, 12, "delivered"); // late and out of order: changes nothing
        assertThat(messages.findByProviderMessageId(providerId).orElseThrow().status()).isEqualTo(MessageStatus.READ);
    }

    @Test
    void stopFromALeadsNumberOptsItOutAndTheNextSendIsRefused() throws Exception {
        inboundText(13, "wamid.IN-13", "STOP");
        assertThat(consent.isOptedOut(mobile(13))).isTrue();

        int before = transport.count();
        send(13, "Hello {name}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("opted_out"));
        assertThat(transport.count()).isEqualTo(before);
    }
}
