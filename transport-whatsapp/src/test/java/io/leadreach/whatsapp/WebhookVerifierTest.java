package io.leadreach.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.ValidationException;
import io.leadreach.whatsapp.WebhookSignatureException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookVerifierTest {

    static final String SECRET = "test-app-secret";
    static final byte[] BODY = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);

    final WebhookVerifier verifier = new WebhookVerifier(SECRET, "my-verify-token");

    static byte[] hmac(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(body);
    }

    @Test
    void theHandshakeAnswersTheChallengeWhenTheTokenMatches() {
        assertThat(verifier.handshake("subscribe", "my-verify-token", "1158201444")).contains("1158201444");
        assertThat(verifier.handshake(Map.of("hub.mode", "subscribe", "hub.verify_token", "my-verify-token",
                "hub.challenge", "abc-123"))).contains("abc-123");
    }

    @Test
    void theHandshakeIsRefusedForAWrongTokenModeOrChallenge() {
        assertThat(verifier.handshake("subscribe", "wrong", "1158201444")).isEmpty();
        assertThat(verifier.handshake("unsubscribe", "my-verify-token", "1158201444")).isEmpty();
        assertThat(verifier.handshake("subscribe", null, "1158201444")).isEmpty();
        assertThat(verifier.handshake("subscribe", "my-verify-token", null)).isEmpty();
        assertThat(verifier.handshake("subscribe", "my-verify-token", "<script>alert(1)</script>")).isEmpty();
        assertThat(new WebhookVerifier(SECRET, null).handshake("subscribe", "", "1")).isEmpty();
    }

    @Test
    void aCorrectSignatureIsAccepted() throws Exception {
        String header = "sha256=" + HexFormat.of().formatHex(hmac(BODY, SECRET));

        verifier.verifySignature(BODY, header);
        assertThat(verifier.isValidSignature(BODY, header)).isTrue();
        assertThat(verifier.isValidSignature(BODY, header.toUpperCase(Locale.ROOT).replace("SHA256=", "sha256=")))
                .isTrue();
        assertThat(verifier.sign(BODY)).isEqualTo(header);
    }

    @Test
    void aMissingSignatureIsRefused() {
        assertThatThrownBy(() -> verifier.verifySignature(BODY, null))
                .isInstanceOfSatisfying(WebhookSignatureException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING));
        assertThatThrownBy(() -> verifier.verifySignature(BODY, " "))
                .isInstanceOfSatisfying(WebhookSignatureException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING));
    }

    @Test
    void aSignatureWithAnotherKeyOrBodyIsRefused() throws Exception {
        String otherKey = "sha256=" + HexFormat.of().formatHex(hmac(BODY, "another-secret"));
        String otherBody = "sha256=" + HexFormat.of().formatHex(hmac("{}".getBytes(StandardCharsets.UTF_8), SECRET));

        assertThatThrownBy(() -> verifier.verifySignature(BODY, otherKey))
                .isInstanceOfSatisfying(WebhookSignatureException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISMATCH));
        assertThat(verifier.isValidSignature(BODY, otherBody)).isFalse();
    }

    @Test
    void aSignatureOverOneChangedByteIsRefused() throws Exception {
        String header = "sha256=" + HexFormat.of().formatHex(hmac(BODY, SECRET));
        byte[] tampered = BODY.clone();
        tampered[5] ^= 1;

        assertThat(verifier.isValidSignature(tampered, header)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha1=0123", "sha256=", "sha256=zz", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
            "sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef00"})
    void aMalformedSignatureIsRefused(String header) {
        assertThatThrownBy(() -> verifier.verifySignature(BODY, header))
                .isInstanceOfSatisfying(WebhookSignatureException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void aBase64EncodedSignatureIsMalformedNotAccepted() throws Exception {
        String base64 = "sha256=" + Base64.getEncoder().encodeToString(hmac(BODY, SECRET));

        assertThatThrownBy(() -> verifier.verifySignature(BODY, base64))
                .isInstanceOfSatisfying(WebhookSignatureException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void aVerifierNeedsTheAppSecret() {
        CloudApiConfig config = CloudApiConfig.custom().phoneNumberId("1").accessToken("t").build();

        assertThatThrownBy(() -> WebhookVerifier.of(config)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("appSecret");
    }
}
