package io.leadreach.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.ValidationException;
import io.leadreach.whatsapp.WebhookSignatureException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A verifier of several business numbers: each body is checked with the secrets of the numbers it names. */
class WebhookVerifierNumbersTest {

    static final String WABA_1 = "9001";
    static final String WABA_2 = "9002";
    /** Numbers A and B belong to app 1 (one secret), C to app 2; A in WABA 1, B and C in WABA 2. */
    static final CloudApiConfig A = config("111", WABA_1, "secret-app-1", "token-app-1");
    static final CloudApiConfig B = config("222", WABA_2, "secret-app-1", "token-app-1");
    static final CloudApiConfig C = config("333", WABA_2, "secret-app-2", "token-app-2");

    final WebhookVerifier verifier = WebhookVerifier.forNumbers(List.of(A, B, C));

    static CloudApiConfig config(String phoneNumberId, String wabaId, String appSecret, String verifyToken) {
        return CloudApiConfig.custom().phoneNumberId(phoneNumberId).wabaId(wabaId).accessToken("token")
                .appSecret(appSecret).verifyToken(verifyToken).build();
    }

    static String signature(String body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A delivery of one entry with a {@code messages} change per phone number id. */
    static String messagesBody(String wabaId, String... phoneNumberIds) {
        StringBuilder changes = new StringBuilder();
        for (String id : phoneNumberIds) {
            changes.append(changes.length() == 0 ? "" : ",").append("{\"field\":\"messages\",\"value\":{")
                    .append("\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550100090\",")
                    .append("\"phone_number_id\":\"").append(id).append("\"},\"statuses\":[{\"id\":\"wamid.1\",")
                    .append("\"status\":\"sent\",\"timestamp\":\"1750263773\",\"recipient_id\":\"15550100001\"}]}}");
        }
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + wabaId + "\",\"changes\":["
                + changes + "]}]}";
    }

    static String templateUpdate(String wabaId) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + wabaId + "\",\"time\":1674864290,"
                + "\"changes\":[{\"value\":{\"event\":\"APPROVED\",\"message_template_name\":\"spring_offer\","
                + "\"message_template_language\":\"en_US\",\"reason\":\"NONE\"},"
                + "\"field\":\"message_template_status_update\"}]}]}";
    }

    void verify(String body, String header) {
        verifier.verifySignature(body.getBytes(StandardCharsets.UTF_8), header);
    }

    WebhookSignatureException refusal(String body, String header) {
        try {
            verify(body, header);
        } catch (WebhookSignatureException e) {
            return e;
        }
        throw new AssertionError("the body was accepted");
    }

    @Test
    void aBodyOfOneNumberSignedWithItsSecretIsAccepted() throws Exception {
        String fromC = messagesBody(WABA_2, "333");
        String fromA = messagesBody(WABA_1, "111");

        verify(fromC, signature(fromC, "secret-app-2"));
        verify(fromA, signature(fromA, "secret-app-1"));
        assertThat(verifier.isValidSignature(fromC.getBytes(StandardCharsets.UTF_8), signature(fromC, "secret-app-2")))
                .isTrue();
    }

    @Test
    void aBodyOfOneNumberSignedWithAnotherNumbersSecretIsRefused() throws Exception {
        String fromC = messagesBody(WABA_2, "333");

        WebhookSignatureException e = refusal(fromC, signature(fromC, "secret-app-1"));

        assertThat(e.reason()).isEqualTo(Reason.MISMATCH);
        assertThat(e.phoneNumberId()).isEqualTo("333");
        assertThat(e.getMessage()).contains("333");
    }

    @Test
    void aBodyNamingAnUnknownNumberIsRefusedWhateverItsSignature() throws Exception {
        String fromUnknown = messagesBody(WABA_1, "444");

        WebhookSignatureException e = refusal(fromUnknown, signature(fromUnknown, "secret-app-1"));

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_NUMBER);
        assertThat(e.phoneNumberId()).isEqualTo("444");
        assertThat(e.getMessage()).contains("444");
        String mixed = messagesBody(WABA_1, "111", "444");
        assertThat(refusal(mixed, signature(mixed, "secret-app-1")).reason()).isEqualTo(Reason.UNKNOWN_NUMBER);
    }

    @Test
    void anUnknownNumberIsShownWithoutWhatTheBodyCouldSmuggleIntoALog() throws Exception {
        String body = messagesBody(WABA_1, "44\\n4<b>");

        WebhookSignatureException e = refusal(body, signature(body, "secret-app-1"));

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_NUMBER);
        assertThat(e.phoneNumberId()).isEqualTo("44?4?b?");
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("<");
    }

    @Test
    void twoNumbersOfOneAppInOneBodyAreAcceptedWithTheAppsSecret() throws Exception {
        String both = messagesBody(WABA_1, "111", "222");

        verify(both, signature(both, "secret-app-1"));
    }

    @Test
    void aBodyNamingNumbersOfTwoAppsIsRefusedWhicheverSecretSignedIt() throws Exception {
        String mixed = messagesBody(WABA_2, "222", "333");

        WebhookSignatureException withApp1 = refusal(mixed, signature(mixed, "secret-app-1"));
        WebhookSignatureException withApp2 = refusal(mixed, signature(mixed, "secret-app-2"));

        assertThat(withApp1.reason()).isEqualTo(Reason.MISMATCH);
        assertThat(withApp1.phoneNumberId()).isEqualTo("333");
        assertThat(withApp2.reason()).isEqualTo(Reason.MISMATCH);
        assertThat(withApp2.phoneNumberId()).isEqualTo("222");
    }

    @Test
    void aKeyGivenTwiceIsCheckedForEveryValueItHad() throws Exception {
        String twice = messagesBody(WABA_1, "111").replace("\"phone_number_id\":\"111\"",
                "\"phone_number_id\":\"333\",\"phone_number_id\":\"111\"");

        assertThat(refusal(twice, signature(twice, "secret-app-1")).phoneNumberId()).isEqualTo("333");
    }

    @Test
    void aTemplateUpdateIsCheckedWithTheSecretsOfItsWaba() throws Exception {
        String ofWaba1 = templateUpdate(WABA_1);
        String ofWaba2 = templateUpdate(WABA_2);

        verify(ofWaba1, signature(ofWaba1, "secret-app-1"));
        verify(ofWaba2, signature(ofWaba2, "secret-app-1"));
        verify(ofWaba2, signature(ofWaba2, "secret-app-2"));
        WebhookSignatureException e = refusal(ofWaba1, signature(ofWaba1, "secret-app-2"));
        assertThat(e.reason()).isEqualTo(Reason.MISMATCH);
        assertThat(e.getMessage()).contains(WABA_1);
    }

    @Test
    void aBodyOfAnUnknownWabaOrNamingNothingNeedsAnyConfiguredSecret() throws Exception {
        String unknownWaba = templateUpdate("9999");
        String nothing = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}";

        verify(unknownWaba, signature(unknownWaba, "secret-app-1"));
        verify(unknownWaba, signature(unknownWaba, "secret-app-2"));
        verify(nothing, signature(nothing, "secret-app-2"));
        assertThat(refusal(unknownWaba, signature(unknownWaba, "another-secret")).reason()).isEqualTo(Reason.MISMATCH);
    }

    @Test
    void anIdOutsideAChangesMetadataIsNotANumberTheBodyNames() throws Exception {
        String elsewhere = "{\"object\":\"whatsapp_business_account\",\"metadata\":{\"phone_number_id\":\"333\"},"
                + "\"entry\":[{\"id\":\"" + WABA_1 + "\",\"changes\":[{\"field\":\"messages\",\"value\":{\"statuses\":"
                + "[{\"id\":\"wamid.1\",\"metadata\":{\"phone_number_id\":\"333\"}}]}}]}]}";

        verify(elsewhere, signature(elsewhere, "secret-app-1"));
        assertThat(refusal(elsewhere, signature(elsewhere, "secret-app-2")).reason()).isEqualTo(Reason.MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{\"object\":", "[1,2,3]", "\"text\"", "null", "{} {}", "{\"a\":1}}",
        "{\"entry\":[{\"id\":\"9001\",\"changes\":[{\"value\":{\"metadata\":{\"phone_number_id\":\"111\"}}}]}"})
    void aBodyThatIsNotOneJsonObjectIsRefusedAsUnreadable(String body) throws Exception {
        WebhookSignatureException e = refusal(body, signature(body, "secret-app-1"));

        assertThat(e.reason()).isEqualTo(Reason.UNREADABLE_BODY);
        assertThat(verifier.isValidSignature(body.getBytes(StandardCharsets.UTF_8), signature(body, "secret-app-1")))
                .isFalse();
    }

    @Test
    void aBodyNamingMoreIdsThanTheBoundIsRefusedAsUnreadable() throws Exception {
        String[] ids = new String[WebhookVerifier.MAX_NAMED_IDS + 1];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = String.valueOf(5000 + i);
        }
        String body = messagesBody(WABA_1, ids);

        assertThat(refusal(body, signature(body, "secret-app-1")).reason()).isEqualTo(Reason.UNREADABLE_BODY);
    }

    @Test
    void aMissingOrMalformedHeaderIsRefusedBeforeTheBodyIsRead() {
        assertThat(refusal("not json", null).reason()).isEqualTo(Reason.MISSING);
        assertThat(refusal("not json", "sha256=zz").reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void theHandshakeAcceptsTheVerifyTokenOfEachApp() {
        assertThat(verifier.handshake("subscribe", "token-app-1", "42")).contains("42");
        assertThat(verifier.handshake("subscribe", "token-app-2", "43")).contains("43");
        assertThat(verifier.handshake("subscribe", "token-app-3", "44")).isEmpty();
        assertThat(WebhookVerifier.builder().number("111", null, "s").build().handshake("subscribe", "", "1")).isEmpty();
    }

    @Test
    void theBuilderMakesTheSameVerifierAndSignsForEachNumber() throws Exception {
        WebhookVerifier built = WebhookVerifier.builder().number("111", WABA_1, "secret-app-1")
                .number("333", WABA_2, "secret-app-2").verifyToken("one-token").build();
        String fromC = messagesBody(WABA_2, "333");

        assertThat(built.sign("333", fromC.getBytes(StandardCharsets.UTF_8))).isEqualTo(signature(fromC, "secret-app-2"));
        assertThat(built.sign(fromC.getBytes(StandardCharsets.UTF_8))).as("the first number's secret")
                .isEqualTo(signature(fromC, "secret-app-1"));
        assertThat(built.isValidSignature(fromC.getBytes(StandardCharsets.UTF_8), signature(fromC, "secret-app-2")))
                .isTrue();
        assertThat(built.phoneNumberIds()).containsExactly("111", "333");
        assertThat(built.handshake("subscribe", "one-token", "7")).contains("7");
        assertThatThrownBy(() -> built.sign("222", new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("222");
    }

    @Test
    void aVerifierOfOneSecretStillChecksAnyBodyWithIt() throws Exception {
        WebhookVerifier single = WebhookVerifier.of(A);
        String fromUnknown = messagesBody(WABA_1, "444");

        single.verifySignature(fromUnknown.getBytes(StandardCharsets.UTF_8), signature(fromUnknown, "secret-app-1"));
        single.verifySignature("not json".getBytes(StandardCharsets.UTF_8), signature("not json", "secret-app-1"));
        assertThat(single.phoneNumberIds()).isEmpty();
    }

    @Test
    void everyNumberNeedsItsIdAndAppSecretOnce() {
        CloudApiConfig noSecret = CloudApiConfig.custom().phoneNumberId("555").accessToken("t").build();

        assertThatThrownBy(() -> WebhookVerifier.forNumbers(List.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasCode("missing")).isTrue());
        assertThatThrownBy(() -> WebhookVerifier.forNumbers(List.of(A, noSecret, A)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationException.FieldError::field)
                        .containsExactly("numbers[1].appSecret", "numbers[2].phoneNumberId"));
        assertThatThrownBy(() -> WebhookVerifier.builder().number(" ", null, "s").build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("phoneNumberId");
    }
}
