package io.leadreach.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.MessageContent;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How every answer, and every failure to get one, becomes a {@link SendOutcome}. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CloudApiTransportErrorTest {

    static final String MESSAGES = CloudApiTransportPayloadTest.MESSAGES;
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

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
        transport = CloudApiTransport.create(CloudApiConfig.custom().baseUrl(wm.baseUrl()).phoneNumberId("1234567890")
                .accessToken("test-token-123").responseTimeout(Duration.ofMillis(2_000)).maxResponseSize(4096).build(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        transport.close();
    }

    SendOutcome sendText() {
        return transport.send(new OutboundMessage("+15550100001", "corr-err", new MessageContent.Text("Hi", false)))
                .toCompletableFuture().join();
    }

    static String metaError(int code) {
        return "{\"error\":{\"message\":\"(#" + code + ") Something\",\"type\":\"OAuthException\",\"code\":" + code
                + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"Detail " + code + "\"},"
                + "\"fbtrace_id\":\"AbCdEf\"}}";
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "130429, RATE_LIMITED", "4, RATE_LIMITED", "80007, RATE_LIMITED",
            "131056, PAIR_RATE_LIMITED",
            "131000, RETRYABLE", "131016, RETRYABLE", "131057, RETRYABLE", "1, RETRYABLE", "2, RETRYABLE",
            "131048, QUALITY_PAUSE",
            "131049, MARKETING_CAP",
            "131050, OPTED_OUT",
            "131047, OUTSIDE_SERVICE_WINDOW",
            "100, CONFIGURATION", "190, CONFIGURATION", "368, CONFIGURATION", "131031, CONFIGURATION",
            "131042, CONFIGURATION",
            "131026, PERMANENT", "131051, PERMANENT", "131053, PERMANENT",
            "132000, PERMANENT", "132001, PERMANENT", "132005, PERMANENT", "132007, PERMANENT", "132012, PERMANENT",
            "132015, PERMANENT", "132016, PERMANENT", "131009, PERMANENT", "999999, PERMANENT"})
    void errorCodeDecidesTheErrorClass(int code, ErrorClass expected) {
        wm.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(metaError(code))));

        SendOutcome outcome = sendText();

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.errorClass()).isEqualTo(expected);
            assertThat(r.code()).isEqualTo(String.valueOf(code));
            assertThat(r.message()).contains("(#" + code + ") Something").contains("Detail " + code);
            assertThat(r.rawResponse()).contains("fbtrace_id");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 400, 429, 500, 503})
    void theHttpStatusDoesNotOverrideTheErrorCode(int status) {
        wm.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status).withBody(metaError(131047))));

        assertThat(sendText()).isInstanceOfSatisfying(SendOutcome.Rejected.class,
                r -> assertThat(r.errorClass()).isEqualTo(ErrorClass.OUTSIDE_SERVICE_WINDOW));
    }

    @Test
    void marketingCapWaitsADayWhenMetaNamesNoTime() {
        wm.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400).withBody(metaError(131049))));

        assertThat(sendText()).isInstanceOfSatisfying(SendOutcome.Rejected.class,
                r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofHours(24)));
    }

    @Test
    void retryAfterSecondsAreHonoured() {
        wm.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "17")
                .withBody(metaError(130429))));

        assertThat(sendText()).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
            assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(17));
        });
    }

    @Test
    void retryAfterHttpDateIsReadAgainstTheClock() {
        wm.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "Mon, 02 Mar 2026 10:02:00 GMT").withBody(metaError(80007))));

        assertThat(sendText()).isInstanceOfSatisfying(SendOutcome.Rejected.class,
                r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofMinutes(2)));
    }

    @Test
    void retryAfterOnAnUnreadable503IsKept() {
        wm.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "5")
                .withHeader("Content-Type", "text/html").withBody("<html><body>Service Unavailable</body></html>")));

        assertThat(sendText()).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.errorClass()).isEqualTo(ErrorClass.RETRYABLE);
            assertThat(r.code()).isEqualTo("HTTP_503");
            assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @ParameterizedTest(name = "HTTP {0} with HTML -> {1}")
    @CsvSource({"500, RETRYABLE", "502, RETRYABLE", "503, RETRYABLE", "504, RETRYABLE", "429, RATE_LIMITED",
            "401, CONFIGURATION", "403, CONFIGURATION", "404, CONFIGURATION", "400, PERMANENT"})
    void anErrorStatusWithAnHtmlPageIsJudgedByItsStatus(int status, ErrorClass expected) {
        wm.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "text/html").withBody("<!DOCTYPE html><html><h1>Oops</h1></html>")));

        assertThat(sendText()).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.errorClass()).isEqualTo(expected);
            assertThat(r.message()).contains("not JSON");
        });
    }

    @Test
    void anEmptyErrorBodyIsJudgedByItsStatus() {
        wm.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(500)));

        assertThat(sendText()).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.errorClass()).isEqualTo(ErrorClass.RETRYABLE);
            assertThat(r.message()).contains("empty body");
        });
    }

    @Test
    void aSuccessWithoutAMessageIdIsUnknown() {
        wm.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200).withBody("{\"messages\":[]}")));

        assertThat(sendText()).isInstanceOfSatisfying(SendOutcome.Unknown.class,
                u -> assertThat(u.reason()).contains("without a message id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<html>OK</html>", "null", "[1,2]", "{\"messages\":[{\"id\":\"\"}]}"})
    void aSuccessWithAnUnusableBodyIsUnknown(String body) {
        wm.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200).withBody(body)));

        assertThat(sendText()).isInstanceOf(SendOutcome.Unknown.class);
    }

    @Test
    void anOversizedSuccessIsUnknownAndAnOversizedErrorIsJudgedByStatus() {
        String huge = "{\"padding\":\"" + "x".repeat(10_000) + "\"}";
        wm.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200).withBody(huge)));
        SendOutcome success = sendText();
        wm.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(502).withBody(huge)));
        SendOutcome error = sendText();

        assertThat(success).isInstanceOfSatisfying(SendOutcome.Unknown.class,
                u -> assertThat(u.reason()).contains("larger than 4096 bytes"));
        assertThat(error).isInstanceOfSatisfying(SendOutcome.Rejected.class,
                r -> assertThat(r.errorClass()).isEqualTo(ErrorClass.RETRYABLE));
    }

    @Test
    void anOversizedChunkedSuccessIsUnknown() {
        // No Content-Length: the limit trips while reading.
        wm.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200)
                .withChunkedDribbleDelay(4, 20).withBody("{\"p\":\"" + "y".repeat(20_000) + "\"}")));

        assertThat(sendText()).isInstanceOf(SendOutcome.Unknown.class);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
            "RANDOM_DATA_THEN_CLOSE"})
    void aConnectionFaultAfterTheRequestWasWrittenIsUnknown(Fault fault) {
        wm.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withFault(fault)));

        SendOutcome outcome = sendText();

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Unknown.class,
                u -> assertThat(u.reason()).contains("after the request was written"));
        wm.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void aResponseSlowerThanTheResponseTimeoutIsUnknown() {
        wm.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200).withFixedDelay(6_000)
                .withBody(CloudApiTransportPayloadTest.ACCEPTED)));

        long start = System.nanoTime();
        SendOutcome outcome = sendText();

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Unknown.class,
                u -> assertThat(u.reason()).contains("response timeout"));
        // Answered by the timeout (2 s, checked on HttpClient's 1 s select tick), not by the 6 s response.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(5_500));
    }

    @Test
    void aRefusedConnectionIsRetryableBecauseNothingWasSent() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (CloudApiTransport refused = CloudApiTransport.create(CloudApiConfig.custom()
                .baseUrl("http://127.0.0.1:" + closedPort).phoneNumberId("1234567890").accessToken("t0k3n").build())) {
            SendOutcome outcome = refused.send(new OutboundMessage("+15550100001", "c",
                    new MessageContent.Text("Hi", false))).toCompletableFuture().join();

            assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
                assertThat(r.errorClass()).isEqualTo(ErrorClass.RETRYABLE);
                assertThat(r.code()).isEqualTo("CONNECT_FAILED");
            });
        }
    }

    @Test
    void aClosedTransportStillCompletesEverySend() {
        transport.close();

        SendOutcome outcome = sendText();

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class,
                r -> assertThat(r.errorClass()).isEqualTo(ErrorClass.RETRYABLE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "INVALID_RECIPIENT | +12",
            "INVALID_RECIPIENT | +1555abc0100"})
    void aMalformedRecipientIsRefusedWithoutARequest(String code, String to) {
        SendOutcome outcome = transport.send(new OutboundMessage(to, "c", new MessageContent.Text("Hi", false)))
                .toCompletableFuture().join();

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo(code);
            assertThat(r.errorClass()).isEqualTo(ErrorClass.PERMANENT);
        });
        wm.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void contentMetaWouldRefuseIsRefusedWithoutARequest() {
        assertThat(refusalCode(new MessageContent.Text("x".repeat(4097), false))).isEqualTo("TEXT_TOO_LONG");
        assertThat(refusalCode(new MessageContent.Text("  ", false))).isEqualTo("EMPTY_TEXT");
        assertThat(refusalCode(new MessageContent.Media(TestFiles.png("p"), "c".repeat(1025))))
                .isEqualTo("CAPTION_TOO_LONG");
        assertThat(refusalCode(new MessageContent.Media(TestFiles.file("a.ogg", "audio/ogg", new byte[] {1}), "hi")))
                .isEqualTo("CAPTION_NOT_ALLOWED");
        assertThat(refusalCode(new MessageContent.Media(TestFiles.file("a.gif", "image/gif", new byte[] {1}), null)))
                .isEqualTo("UNSUPPORTED_MEDIA");
        assertThat(refusalCode(new MessageContent.Media(TestFiles.file("big.png", "image/png",
                new byte[5 * 1024 * 1024 + 1]), null))).isEqualTo("UNSUPPORTED_MEDIA");
        wm.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void textOfExactly4096CharactersIsSent() {
        wm.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200)
                .withBody(CloudApiTransportPayloadTest.ACCEPTED)));
        // Emoji count as one character each, not as two UTF-16 units.
        String text = "\uD83D\uDE00".repeat(4096);

        SendOutcome outcome = transport.send(new OutboundMessage("+15550100001", "c",
                new MessageContent.Text(text, false))).toCompletableFuture().join();

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
    }

    private String refusalCode(MessageContent content) {
        SendOutcome outcome = transport.send(new OutboundMessage("+15550100001", "c", content)).toCompletableFuture()
                .join();
        assertThat(outcome).isInstanceOf(SendOutcome.Rejected.class);
        return ((SendOutcome.Rejected) outcome).code();
    }
}
