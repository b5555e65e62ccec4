package io.leadreach.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.tracking.ConsentChange;
import io.leadreach.tracking.DeliveryEvent;
import io.leadreach.tracking.DeliveryStatus;
import io.leadreach.tracking.InboundReply;
import io.leadreach.tracking.TemplateStatusChange;
import io.leadreach.tracking.TrackingEvent;
import io.leadreach.whatsapp.WebhookParser.IgnoredReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing webhook bodies shaped like Meta's documented examples. */
class WebhookParserTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    final WebhookParser parser = new WebhookParser(1024 * 1024, Clock.fixed(NOW, ZoneOffset.UTC));

    static byte[] resource(String name) throws IOException {
        try (InputStream in = WebhookParserTest.class.getResourceAsStream("/webhooks/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void statusesOfSeveralEntriesBecomeDeliveryEvents() throws IOException {
        List<TrackingEvent> events = parser.parse(resource("statuses-batch.json"));

        assertThat(events).hasSize(5).allMatch(e -> e instanceof DeliveryEvent);
        DeliveryEvent sent = (DeliveryEvent) events.get(0);
        assertThat(sent.providerMessageId()).isEqualTo("wamid.HBgLMTU1NTAxMDAwMDEVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA");
        assertThat(sent.correlationId()).isEqualTo("rcpt-1:attempt-1");
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.timestamp()).isEqualTo(Instant.ofEpochSecond(1750263773));
        assertThat(sent.recipient()).isEqualTo("+15550100001");
        assertThat(sent.pricingCategory()).isEqualTo("marketing");
        assertThat(sent.errorCode()).isNull();
        assertThat(((DeliveryEvent) events.get(1)).status()).isEqualTo(DeliveryStatus.DELIVERED);

        DeliveryEvent failed = (DeliveryEvent) events.get(2);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.recipient()).isEqualTo("+447700900123");
        assertThat(failed.errorCode()).isEqualTo("131026");
        assertThat(failed.errorMessage()).isEqualTo("Message undeliverable: Message Undeliverable.");
        assertThat(failed.pricingCategory()).isNull();

        DeliveryEvent read = (DeliveryEvent) events.get(3);
        assertThat(read.status()).isEqualTo(DeliveryStatus.READ);
        assertThat(read.correlationId()).isNull();
        assertThat(((DeliveryEvent) events.get(4)).status()).as("played counts as read").isEqualTo(DeliveryStatus.READ);
        assertThat(((DeliveryEvent) events.get(4)).timestamp()).isEqualTo(Instant.ofEpochSecond(1750263791));

        assertThat(parser.statistics().ignored(IgnoredReason.UNKNOWN_STATUS)).isEqualTo(1);
        assertThat(parser.statistics().ignored(IgnoredReason.MALFORMED_STATUS)).isEqualTo(1);
        assertThat(parser.statistics().events()).isEqualTo(5);
    }

    @Test
    void inboundMessagesBecomeRepliesAndUnknownTypesAreCounted() throws IOException {
        List<TrackingEvent> events = parser.parse(resource("inbound-messages.json"));

        assertThat(events).hasSize(6).allMatch(e -> e instanceof InboundReply);
        InboundReply text = (InboundReply) events.get(0);
        assertThat(text.from()).isEqualTo("+15550100001");
        assertThat(text.text()).isEqualTo("Yes, I'm interested");
        assertThat(text.messageType()).isEqualTo("text");
        assertThat(text.profileName()).isEqualTo("Sheena Nelson");
        assertThat(text.timestamp()).isEqualTo(Instant.ofEpochSecond(1750263800));
        assertThat(text.buttonPayload()).isNull();
        assertThat(text.contextMessageId()).isNull();

        InboundReply button = (InboundReply) events.get(1);
        assertThat(button.from()).isEqualTo("+447700900123");
        assertThat(button.buttonPayload()).isEqualTo("STOP");
        assertThat(button.text()).isEqualTo("Stop promotions");
        assertThat(button.contextMessageId()).isEqualTo("wamid.HBgLMTU1NTAxMDAwMDEVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA");
        assertThat(button.profileName()).isEqualTo("Priya Shah");

        InboundReply interactive = (InboundReply) events.get(2);
        assertThat(interactive.buttonPayload()).isEqualTo("book-demo");
        assertThat(interactive.text()).isEqualTo("Book a demo");
        assertThat(interactive.contextMessageId()).isEqualTo("wamid.ORIGINAL3");

        assertThat(((InboundReply) events.get(3)).text()).isEqualTo("This one?");
        InboundReply reaction = (InboundReply) events.get(4);
        assertThat(reaction.text()).isEqualTo("\uD83D\uDC4D");
        assertThat(reaction.contextMessageId()).isEqualTo("wamid.ORIGINAL4");
        InboundReply list = (InboundReply) events.get(5);
        assertThat(list.buttonPayload()).isEqualTo("plan-pro");
        assertThat(list.text()).isEqualTo("Pro plan");

        assertThat(parser.statistics().ignored(IgnoredReason.UNKNOWN_MESSAGE_TYPE)).isEqualTo(2);
        assertThat(events).extracting(e -> ((InboundReply) e).businessNumberId()).containsOnly("106540352242922");
    }

    @Test
    void eachReplyNamesTheBusinessNumberItsChangeWasWrittenToOrNoneWithoutMetadata() {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":["
                + change("{\"display_phone_number\":\"15550100090\",\"phone_number_id\":\"111\"}", "wamid.A")
                + "," + change("{\"display_phone_number\":\"15550100091\",\"phone_number_id\":\"222\"}", "wamid.B")
                + "," + change("{\"phone_number_id\":\" \"}", "wamid.C")
                + "," + change(null, "wamid.D") + "]}]}";

        List<TrackingEvent> events = parser.parse(body.getBytes(StandardCharsets.UTF_8));

        assertThat(events).extracting(e -> ((InboundReply) e).providerMessageId())
                .containsExactly("wamid.A", "wamid.B", "wamid.C", "wamid.D");
        assertThat(events).extracting(e -> ((InboundReply) e).businessNumberId())
                .containsExactly("111", "222", null, null);
    }

    private static String change(String metadata, String wamid) {
        return "{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                + (metadata == null ? "" : "\"metadata\":" + metadata + ",")
                + "\"messages\":[{\"from\":\"15550100001\",\"id\":\"" + wamid
                + "\",\"timestamp\":\"1750263800\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]}}";
    }

    @Test
    void userPreferencesBecomeConsentChanges() throws IOException {
        List<TrackingEvent> events = parser.parse(resource("user-preferences.json"));

        assertThat(events).containsExactly(
                new ConsentChange("+15550100001", true, "user_preferences", Instant.ofEpochSecond(1731705721)),
                new ConsentChange("+447700900123", false, "user_preferences", Instant.ofEpochSecond(1731705799)));
        assertThat(parser.statistics().ignored(IgnoredReason.UNKNOWN_PREFERENCE)).isEqualTo(1);
    }

    @Test
    void templateStatusUpdatesBecomeTemplateStatusChanges() throws IOException {
        List<TrackingEvent> events = parser.parse(resource("template-status.json"));

        assertThat(events).containsExactly(
                new TemplateStatusChange("spring_offer", "en_US", "REJECTED", "INCORRECT_CATEGORY",
                        Instant.ofEpochSecond(1674864290), "102290129340398"),
                new TemplateStatusChange("order_update", "de", "APPROVED", null, Instant.ofEpochSecond(1674864290),
                        "102290129340398"));
        assertThat(parser.statistics().ignored(IgnoredReason.UNKNOWN_FIELD)).isEqualTo(1);
        assertThat(parser.statistics().ignored(IgnoredReason.MALFORMED_TEMPLATE_UPDATE)).isEqualTo(1);
    }

    @Test
    void aTemplateUpdateWithoutEntryTimeTakesTheClocksTime() {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"value\":"
                + "{\"event\":\"PAUSED\",\"message_template_name\":\"x\"},\"field\":\"message_template_status_update\"}]}]}";

        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new TemplateStatusChange("x", null, "PAUSED", null, NOW, "1"));
    }

    @Test
    void aTemplateUpdateNamesTheWabaOfItsEntryAndNoneWithoutAnId() {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":["
                + "{\"id\":\"102290129340398\",\"time\":1674864290,\"changes\":[" + templateChange("APPROVED") + "]},"
                + "{\"id\":\"102290129340399\",\"time\":1674864291,\"changes\":[" + templateChange("PAUSED") + "]},"
                + "{\"id\":\" \",\"time\":1674864292,\"changes\":[" + templateChange("REJECTED") + "]},"
                + "{\"time\":1674864293,\"changes\":[" + templateChange("DISABLED") + "]}]}";

        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8)))
                .extracting(e -> ((TemplateStatusChange) e).status() + "@" + ((TemplateStatusChange) e).wabaId())
                .containsExactly("APPROVED@102290129340398", "PAUSED@102290129340399", "REJECTED@null",
                        "DISABLED@null");
    }

    private static String templateChange(String event) {
        return "{\"value\":{\"event\":\"" + event + "\",\"message_template_name\":\"spring_offer\","
                + "\"message_template_language\":\"en_US\"},\"field\":\"message_template_status_update\"}";
    }

    @Test
    void otherObjectsAndOddShapesAreIgnoredAndCountedNeverFatal() {
        assertThat(parser.parse("{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(parser.parse("{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(parser.parse(("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":\"x\"},"
                + "{\"changes\":[{\"field\":\"messages\",\"value\":[]},{\"field\":\"messages\",\"value\":"
                + "{\"statuses\":\"nope\",\"messages\":{},\"errors\":[{\"code\":131000}]}}]}]}")
                .getBytes(StandardCharsets.UTF_8))).isEmpty();

        WebhookParser.Statistics stats = parser.statistics();
        assertThat(stats.ignored(IgnoredReason.UNKNOWN_OBJECT)).isEqualTo(1);
        assertThat(stats.ignored(IgnoredReason.MALFORMED_ENTRY)).isEqualTo(3);
        assertThat(stats.ignored(IgnoredReason.PROVIDER_ERROR)).isEqualTo(1);
        assertThat(stats.payloads()).isEqualTo(3);
        assertThat(stats.ignoredTotal()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{\"object\":", "[1,2,3]", "\"text\"", "null"})
    void aBodyThatIsNotAJsonObjectIsATypedError(String body) {
        assertThatThrownBy(() -> parser.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(WebhookPayloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(WebhookPayloadException.Reason.INVALID_JSON));
    }

    @Test
    void aBodyOverTheLimitIsATypedError() throws IOException {
        WebhookParser small = new WebhookParser(2048, Clock.systemUTC());
        byte[] big = ("{\"object\":\"whatsapp_business_account\",\"pad\":\"" + "x".repeat(3000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> small.parse(big)).isInstanceOfSatisfying(WebhookPayloadException.class,
                e -> assertThat(e.reason()).isEqualTo(WebhookPayloadException.Reason.TOO_LARGE));
        assertThatThrownBy(() -> small.readBody(new ByteArrayInputStream(big)))
                .isInstanceOf(WebhookPayloadException.class);
        assertThat(small.readBody(new ByteArrayInputStream(resource("user-preferences.json")))).isNotEmpty();
        assertThat(new WebhookParser().maxBodySize()).isEqualTo(1024 * 1024);
    }

    @Test
    void aDeclaredLengthIsReadExactlyAndOneOverTheLimitIsRefusedUnread() throws IOException {
        WebhookParser small = new WebhookParser(2048, Clock.systemUTC());
        byte[] body = resource("user-preferences.json");
        InputStream unreadable = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("a body declared too large must not be read");
            }
        };

        assertThatThrownBy(() -> small.readBody(unreadable, 2049)).isInstanceOfSatisfying(WebhookPayloadException.class,
                e -> assertThat(e.reason()).isEqualTo(WebhookPayloadException.Reason.TOO_LARGE));
        assertThat(small.readBody(new ByteArrayInputStream(body), body.length)).isEqualTo(body);
        // a body that ends before its declared length is returned as it came; unknown lengths read to the end
        assertThat(small.readBody(new ByteArrayInputStream(body, 0, 10), body.length)).hasSize(10);
        assertThat(small.readBody(new ByteArrayInputStream(body), -1)).isEqualTo(body);
        byte[] big = new byte[3000];
        assertThatThrownBy(() -> small.readBody(new ByteArrayInputStream(big), -1))
                .isInstanceOf(WebhookPayloadException.class);
    }

    @Test
    void aLargeBatchIsParsedWhole() {
        StringBuilder body = new StringBuilder("{\"object\":\"whatsapp_business_account\",\"entry\":[");
        for (int e = 0; e < 10; e++) {
            body.append(e == 0 ? "" : ",").append("{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{\"statuses\":[");
            for (int s = 0; s < 100; s++) {
                body.append(s == 0 ? "" : ",").append("{\"id\":\"wamid.").append(e).append('-').append(s)
                        .append("\",\"status\":\"delivered\",\"timestamp\":\"1750263776\",\"recipient_id\":\"15550100001\"}");
            }
            body.append("]}}]}");
        }
        body.append("]}");

        assertThat(parser.parse(body.toString().getBytes(StandardCharsets.UTF_8))).hasSize(1000);
    }
}
