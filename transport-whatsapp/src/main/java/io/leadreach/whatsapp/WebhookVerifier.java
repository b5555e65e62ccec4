package io.leadreach.whatsapp;

import io.leadreach.ValidationException;
import io.leadreach.whatsapp.internal.Signatures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks that webhook traffic comes from Meta.
 *
 * <ul>
 *   <li>{@link #handshake}: the subscription's {@code GET} with {@code hub.mode=subscribe},
 *       {@code hub.verify_token} and {@code hub.challenge}; answer 200 with the challenge as
 *       {@code text/plain} when it is present, 403 when it is empty.</li>
 *   <li>{@link #verifySignature}: every {@code POST}'s {@code X-Hub-Signature-256} header,
 *       {@code sha256=} and the hex HMAC-SHA256 of the <em>raw</em> body bytes keyed with the
 *       app secret, compared in constant time. Verify before parsing, on the exact bytes
 *       received.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class WebhookVerifier {

    /** The header that carries the signature. */
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    private static final String PREFIX = "sha256=";
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{1,256}");

    private final Signatures signatures;
    private final byte[] verifyToken;

    /**
     * A verifier.
     *
     * @param appSecret   the Meta app's secret
     * @param verifyToken the verify token of the subscription (may be null to refuse every handshake)
     */
    public WebhookVerifier(String appSecret, String verifyToken) {
        if (appSecret == null || appSecret.isEmpty()) {
            throw new ValidationException("appSecret", "missing", "appSecret is required to verify webhooks");
        }
        this.signatures = new Signatures(appSecret);
        this.verifyToken = verifyToken == null ? null : verifyToken.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A verifier from the configuration's app secret and verify token.
     *
     * @throws ValidationException when {@code appSecret} is not configured
     */
    public static WebhookVerifier of(CloudApiConfig config) {
        return new WebhookVerifier(config.appSecret(), config.verifyToken());
    }

    /**
     * The verification handshake.
     *
     * @return the challenge to answer with (HTTP 200), or empty to refuse (HTTP 403)
     */
    public Optional<String> handshake(String mode, String token, String challenge) {
        if (!"subscribe".equals(mode) || token == null || verifyToken == null || challenge == null) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(verifyToken, token.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        // Echo only a plain token: the answer goes back verbatim to whoever asked.
        return CHALLENGE.matcher(challenge).matches() ? Optional.of(challenge) : Optional.empty();
    }

    /** The handshake from query parameters ({@code hub.mode}, {@code hub.verify_token}, {@code hub.challenge}). */
    public Optional<String> handshake(Map<String, String> queryParameters) {
        Objects.requireNonNull(queryParameters, "queryParameters");
        return handshake(queryParameters.get("hub.mode"), queryParameters.get("hub.verify_token"),
                queryParameters.get("hub.challenge"));
    }

    /**
     * Checks a signature header against the raw body.
     *
     * @param body            the body exactly as received
     * @param signatureHeader the {@code X-Hub-Signature-256} value (may be null)
     * @throws WebhookSignatureException when missing, malformed or wrong
     */
    public void verifySignature(byte[] body, String signatureHeader) {
        Objects.requireNonNull(body, "body");
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MISSING,
                    "webhook has no " + SIGNATURE_HEADER + " header");
        }
        String value = signatureHeader.trim();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || value.length() != PREFIX.length() + 64) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MALFORMED,
                    SIGNATURE_HEADER + " is not sha256= followed by 64 hex digits");
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(value, PREFIX.length(), value.length());
        } catch (IllegalArgumentException e) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MALFORMED,
                    SIGNATURE_HEADER + " is not sha256= followed by 64 hex digits");
        }
        if (!MessageDigest.isEqual(signatures.hmac(body), claimed)) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MISMATCH,
                    SIGNATURE_HEADER + " does not match the body");
        }
    }

    /** Whether a signature header is present and right for the raw body. */
    public boolean isValidSignature(byte[] body, String signatureHeader) {
        try {
            verifySignature(body, signatureHeader);
            return true;
        } catch (WebhookSignatureException e) {
            return false;
        }
    }

    /** The header value Meta would send for this body (for tests and the simulator). */
    public String sign(byte[] body) {
        return signatures.header(body);
    }
}
