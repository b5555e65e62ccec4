package io.leadreach.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.leadreach.transport.MediaFile;
import io.leadreach.transport.MessageContent;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every payload the transport sends, checked on the request WireMock recorded. */
class CloudApiTransportPayloadTest {

    static final String MESSAGES = "/v23.0/1234567890/messages";
    static final String MEDIA = "/v23.0/1234567890/media";
    static final String ACCEPTED = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"+15550100001\","
            + "\"wa_id\":\"15550100001\"}],\"messages\":[{\"id\":\"wamid.HBgLMTU1NTAxMDAwMDEVAgARGBI1\"}]}";

    static WireMockServer wm;
    CloudApiTransport transport;

    @BeforeAll
    static void startWireMock() {
        wm = new WireMockServer(options().dynamicPort().containerThreads(20));
        wm.start();
    }

    @AfterAll
    static void stopWireMock() {
        wm.stop();
    }

    @BeforeEach
    void setUp() {
        wm.resetAll();
        wm.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ACCEPTED)));
        wm.stubFor(post(urlEqualTo(MEDIA)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"4490709327384033\"}")));
        transport = CloudApiTransport.create(config(wm.baseUrl()).build());
    }

    @AfterEach
    void tearDown() {
        transport.close();
    }

    static CloudApiConfig.Builder config(String baseUrl) {
        return CloudApiConfig.custom().baseUrl(baseUrl).phoneNumberId("1234567890").wabaId("9876543210")
                .accessToken("test-token-123").responseTimeout(Duration.ofSeconds(3));
    }

    SendOutcome send(String correlationId, MessageContent content) {
        return transport.send(new OutboundMessage("+15550100001", correlationId, content)).toCompletableFuture().join();
    }

    @Test
    void textIsSentWithPreviewUrlBearerTokenAndCorrelationId() {
        SendOutcome outcome = send("corr-text-1", new MessageContent.Text("See https://example.com", true));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(((SendOutcome.Accepted) outcome).providerMessageId()).isEqualTo("wamid.HBgLMTU1NTAxMDAwMDEVAgARGBI1");
        assertThat(((SendOutcome.Accepted) outcome).rawResponse()).contains("wamid.HBgL");
        wm.verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer test-token-123"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+15550100001",
                         "type":"text","text":{"preview_url":true,"body":"See https://example.com"},
                         "biz_opaque_callback_data":"corr-text-1"}""")));
    }

    @Test
    void imageIsUploadedAsMultipartThenSentByIdWithCaption() {
        byte[] bytes = "\u0089PNG image bytes".getBytes(StandardCharsets.ISO_8859_1);
        MediaFile png = TestFiles.file("photo.png", "image/png", bytes);

        SendOutcome outcome = send("corr-img", new MessageContent.Media(png, "Our new brochure"));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        wm.verify(1, postRequestedFor(urlEqualTo(MEDIA))
                .withHeader("Authorization", equalTo("Bearer test-token-123"))
                .withHeader("Content-Type", containing("multipart/form-data"))
                .withRequestBodyPart(aMultipart().withName("messaging_product").withBody(equalTo("whatsapp")).build())
                .withRequestBodyPart(aMultipart().withName("file")
                        .withHeader("Content-Type", containing("image/png"))
                        .withHeader("Content-Disposition", containing("filename=\"photo.png\""))
                        .withBody(binaryEqualTo(bytes)).build()));
        wm.verify(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+15550100001","type":"image",
                 "image":{"id":"4490709327384033","caption":"Our new brochure"},
                 "biz_opaque_callback_data":"corr-img"}""")));
    }

    @Test
    void documentCarriesItsFilename() {
        send("corr-doc", new MessageContent.Media(TestFiles.pdf("price-list"), "Prices"));

        wm.verify(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+15550100001","type":"document",
                 "document":{"id":"4490709327384033","filename":"price-list.pdf","caption":"Prices"},
                 "biz_opaque_callback_data":"corr-doc"}""")));
    }

    @Test
    void videoIsSentByIdAndAudioWithoutCaption() {
        send("corr-video", new MessageContent.Media(TestFiles.file("clip.mp4", "video/mp4", new byte[] {1, 2, 3}), "Tour"));
        send("corr-audio", new MessageContent.Media(TestFiles.file("note.ogg", "audio/ogg", new byte[] {4, 5, 6}), null));

        wm.verify(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+15550100001","type":"video",
                 "video":{"id":"4490709327384033","caption":"Tour"},"biz_opaque_callback_data":"corr-video"}""")));
        wm.verify(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+15550100001","type":"audio",
                 "audio":{"id":"4490709327384033"},"biz_opaque_callback_data":"corr-audio"}""")));
    }

    @Test
    void aFileIsUploadedOnceAndItsIdReused() {
        AtomicInteger opens = new AtomicInteger();
        MediaFile png = TestFiles.file("logo.png", "image/png", new byte[] {9, 8, 7}, opens);

        send("corr-1", new MessageContent.Media(png, "one"));
        send("corr-2", new MessageContent.Media(png, "two"));
        send("corr-3", new MessageContent.Template("promo", "en_US", List.of("Alex"), png, List.of()));

        wm.verify(1, postRequestedFor(urlEqualTo(MEDIA)));
        wm.verify(3, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(opens).hasValue(1);
        assertThat(transport.cachedMediaIds()).isEqualTo(1);
    }

    @Test
    void concurrentSendsOfOneFileShareOneUpload() {
        wm.stubFor(post(urlEqualTo(MEDIA)).willReturn(aResponse().withStatus(200).withFixedDelay(300)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"777\"}")));
        MediaFile png = TestFiles.png("shared");
        List<CompletableFuture<SendOutcome>> sends = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sends.add(transport.send(new OutboundMessage("+15550100001", "corr-" + i,
                    new MessageContent.Media(png, null))).toCompletableFuture());
        }

        sends.forEach(f -> assertThat(f.join()).isInstanceOf(SendOutcome.Accepted.class));
        wm.verify(1, postRequestedFor(urlEqualTo(MEDIA)));
        wm.verify(20, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(containing("\"id\":\"777\"")));
    }

    @Test
    void aFailedUploadIsNotCachedAndIsRetriedOnTheNextSend() {
        wm.stubFor(post(urlEqualTo(MEDIA)).willReturn(aResponse().withStatus(503).withBody("<html>down</html>")));
        MediaFile png = TestFiles.png("flaky");

        SendOutcome first = send("corr-a", new MessageContent.Media(png, null));
        wm.stubFor(post(urlEqualTo(MEDIA)).willReturn(aResponse().withStatus(200).withBody("{\"id\":\"42\"}")));
        SendOutcome second = send("corr-b", new MessageContent.Media(png, null));

        assertThat(first).isInstanceOfSatisfying(SendOutcome.Rejected.class,
                r -> assertThat(r.errorClass().isRetryable()).isTrue());
        assertThat(second).isInstanceOf(SendOutcome.Accepted.class);
        wm.verify(2, postRequestedFor(urlEqualTo(MEDIA)));
        wm.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void uploadErrorCodeBecomesTheSendsRejection() {
        wm.stubFor(post(urlEqualTo(MEDIA)).willReturn(aResponse().withStatus(400).withBody(
                "{\"error\":{\"message\":\"(#131053) Media upload error\",\"type\":\"OAuthException\",\"code\":131053,"
                        + "\"fbtrace_id\":\"Axyz\"}}")));

        SendOutcome outcome = send("corr-x", new MessageContent.Media(TestFiles.png("bad"), null));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo("131053");
            assertThat(r.errorClass()).isEqualTo(io.leadreach.transport.ErrorClass.PERMANENT);
        });
        wm.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void templateCarriesHeaderMediaBodyParametersAndQuickReplyPayloads() {
        SendOutcome outcome = send("corr-tpl", new MessageContent.Template("spring_offer", "en_US",
                List.of("Alex", "20%"), TestFiles.png("header"), List.of("INTERESTED", "STOP")));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        wm.verify(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+15550100001","type":"template",
                 "template":{"name":"spring_offer","language":{"code":"en_US"},"components":[
                   {"type":"header","parameters":[{"type":"image","image":{"id":"4490709327384033"}}]},
                   {"type":"body","parameters":[{"type":"text","text":"Alex"},{"type":"text","text":"20%"}]},
                   {"type":"button","sub_type":"quick_reply","index":"0",
                    "parameters":[{"type":"payload","payload":"INTERESTED"}]},
                   {"type":"button","sub_type":"quick_reply","index":"1",
                    "parameters":[{"type":"payload","payload":"STOP"}]}]},
                 "biz_opaque_callback_data":"corr-tpl"}""")));
    }

    @Test
    void templateWithDocumentHeaderNamesTheFile() {
        send("corr-tpl-doc", new MessageContent.Template("invoice", "de", List.of(), TestFiles.pdf("invoice-7"),
                List.of()));

        wm.verify(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+15550100001","type":"template",
                 "template":{"name":"invoice","language":{"code":"de"},"components":[
                   {"type":"header","parameters":[{"type":"document",
                     "document":{"id":"4490709327384033","filename":"invoice-7.pdf"}}]}]},
                 "biz_opaque_callback_data":"corr-tpl-doc"}""")));
    }

    @Test
    void templateWithoutParametersHasNoComponents() {
        send("corr-hello", new MessageContent.Template("hello_world", "en_US", List.of(), null, null));

        wm.verify(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+15550100001","type":"template",
                 "template":{"name":"hello_world","language":{"code":"en_US"}},
                 "biz_opaque_callback_data":"corr-hello"}""")));
        wm.verify(0, postRequestedFor(urlEqualTo(MEDIA)));
    }

    @Test
    void apiVersionAndBaseUrlPathComeFromTheConfiguration() {
        wm.stubFor(post(urlEqualTo("/graph/v21.0/1234567890/messages")).willReturn(aResponse().withStatus(200)
                .withBody(ACCEPTED)));
        try (CloudApiTransport other = CloudApiTransport.create(config(wm.baseUrl()).baseUrl(wm.baseUrl() + "/graph/")
                .apiVersion("v21.0").build())) {
            SendOutcome outcome = other.send(new OutboundMessage("+15550100001", "c",
                    new MessageContent.Text("hi", false))).toCompletableFuture().join();

            assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(other.senderId()).isEqualTo("1234567890");
        }
    }
}
