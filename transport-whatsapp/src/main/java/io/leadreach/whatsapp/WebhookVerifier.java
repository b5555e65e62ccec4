package io.leadreach.whatsapp;

import io.leadreach.ValidationException;
import io.leadreach.ValidationException.FieldError;
import io.leadreach.whatsapp.internal.Signatures;
import io.leadreach.whatsapp.internal.WebhookIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * <p>A verifier of one app secret ({@link #WebhookVerifier(String, String)}, {@link #of}) checks
 * every body with that secret. A verifier of several business numbers ({@link #forNumbers},
 * {@link #builder()}) knows each number's own app secret and WhatsApp Business Account: it reads
 * the phone number ids a body names ({@code entry[].changes[].value.metadata.phone_number_id}),
 * refuses a body naming a number it does not know, and requires the signature to be that of each
 * named number's secret. A body naming no number (such as {@code message_template_status_update},
 * whose {@code entry[].id} is the WABA id) must be signed with the secret of a number of a WABA it
 * names, or, when it names no known WABA, with any configured secret. Numbers of one Meta app
 * share its secret, so one delivery may name several of them. The body is read for its ids
 * before it is trusted: streamed once, bounded, and a body that is not a JSON object is refused
 * as {@link WebhookSignatureException.Reason#UNREADABLE_BODY}.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.forNumbers(List.of(configA, configB));
 * verifier.verifySignature(body, request.getHeader(WebhookVerifier.SIGNATURE_HEADER));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class WebhookVerifier {

    /** The header that carries the signature. */
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    /** At most this many distinct phone number ids (and WABA ids) are read from one body. */
    public static final int MAX_NAMED_IDS = 1_000;

    private static final String PREFIX = "sha256=";
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{1,256}");

    /** The one secret, or the first number's. */
    private final Signatures signatures;
    /** The accepted verify tokens (none: every handshake is refused). */
    private final List<byte[]> verifyTokens;
    /** Per phone number id its secret's signer; empty for a verifier of one secret. */
    private final Map<String, Signatures> byNumber;
    /** Per WABA id the distinct signers of its numbers. */
    private final Map<String, List<Signatures>> byWaba;
    /** Every distinct signer. */
    private final List<Signatures> all;

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
        this.verifyTokens = verifyToken == null ? List.of() : List.of(verifyToken.getBytes(StandardCharsets.UTF_8));
        this.byNumber = Map.of();
        this.byWaba = Map.of();
        this.all = List.of(signatures);
    }

    private WebhookVerifier(Builder b) {
        Map<String, Signatures> bySecret = new HashMap<>();
        Map<String, Signatures> numbers = new LinkedHashMap<>();
        Map<String, List<Signatures>> wabas = new HashMap<>();
        for (NumberSecret n : b.numbers.values()) {
            Signatures s = bySecret.computeIfAbsent(n.appSecret(), Signatures::new);
            numbers.put(n.phoneNumberId(), s);
            if (n.wabaId() != null) {
                List<Signatures> ofWaba = wabas.computeIfAbsent(n.wabaId(), k -> new ArrayList<>());
                if (!ofWaba.contains(s)) {
                    ofWaba.add(s);
                }
            }
        }
        this.byNumber = Collections.unmodifiableMap(numbers);
        this.byWaba = Map.copyOf(wabas);
        this.signatures = numbers.values().iterator().next();
        this.all = List.copyOf(new LinkedHashSet<>(numbers.values()));
        List<byte[]> tokens = new ArrayList<>();
        for (String token : b.verifyTokens) {
            tokens.add(token.getBytes(StandardCharsets.UTF_8));
        }
        this.verifyTokens = List.copyOf(tokens);
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
     * A verifier of several business numbers, each with the app secret and WABA id of its
     * configuration; the handshake accepts the verify token of any of them (each Meta app
     * subscribed to the callback has its own). Even for one number it reads the body and refuses
     * other numbers, unlike {@link #of}.
     *
     * @throws ValidationException when the list is empty, a configuration has no {@code appSecret},
     *                             or two configure the same phone number id
     */
    public static WebhookVerifier forNumbers(List<CloudApiConfig> numbers) {
        Objects.requireNonNull(numbers, "numbers");
        Builder b = builder();
        for (CloudApiConfig config : numbers) {
            Objects.requireNonNull(config, "numbers[]");
            b.number(config.phoneNumberId(), config.wabaId(), config.appSecret()).verifyToken(config.verifyToken());
        }
        return b.build();
    }

    /** A builder of a verifier of several business numbers (phone number id, WABA id, app secret each). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The verification handshake.
     *
     * @return the challenge to answer with (HTTP 200), or empty to refuse (HTTP 403)
     */
    public Optional<String> handshake(String mode, String token, String challenge) {
        if (!"subscribe".equals(mode) || token == null || verifyTokens.isEmpty() || challenge == null) {
            return Optional.empty();
        }
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        boolean known = false;
        for (byte[] verifyToken : verifyTokens) {
            known |= MessageDigest.isEqual(verifyToken, given);
        }
        if (!known) {
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
     * Checks a signature header against the raw body; for a verifier of several numbers, with the
     * secret of each number the body names (see the class comment).
     *
     * @param body            the body exactly as received
     * @param signatureHeader the {@code X-Hub-Signature-256} value (may be null)
     * @throws WebhookSignatureException when missing, malformed or wrong, when the body names an
     *                                   unknown number, or (several numbers) when it is not a JSON object
     */
    public void verifySignature(byte[] body, String signatureHeader) {
        Objects.requireNonNull(body, "body");
        byte[] claimed = claimed(signatureHeader);
        if (byNumber.isEmpty()) {
            if (!matches(signatures, body, claimed)) {
                throw new WebhookSignatureException(WebhookSignatureException.Reason.MISMATCH,
                        SIGNATURE_HEADER + " does not match the body");
            }
            return;
        }
        WebhookIds named;
        try {
            named = WebhookIds.scan(body, MAX_NAMED_IDS);
        } catch (IllegalArgumentException e) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.UNREADABLE_BODY,
                    "webhook body names no readable phone number: " + e.getMessage());
        }
        if (!named.phoneNumberIds().isEmpty()) {
            verifyNumbers(named.phoneNumberIds(), body, claimed);
        } else {
            verifyWabas(named.wabaIds(), body, claimed);
        }
    }

    private void verifyNumbers(Set<String> numbers, byte[] body, byte[] claimed) {
        Map<Signatures, String> needed = new LinkedHashMap<>(); // Signatures has identity equality
        for (String number : numbers) {
            Signatures s = byNumber.get(number);
            if (s == null) {
                String shown = shown(number);
                throw new WebhookSignatureException(WebhookSignatureException.Reason.UNKNOWN_NUMBER,
                        "webhook names phone number id " + shown + ", which has no app secret configured", shown);
            }
            needed.putIfAbsent(s, number);
        }
        for (Map.Entry<Signatures, String> e : needed.entrySet()) {
            if (!matches(e.getKey(), body, claimed)) {
                throw new WebhookSignatureException(WebhookSignatureException.Reason.MISMATCH, SIGNATURE_HEADER
                        + " does not match the body with the app secret of phone number id " + e.getValue(),
                        e.getValue());
            }
        }
    }

    /** A body naming no number: a secret of each known WABA it names, else any secret. */
    private void verifyWabas(Set<String> wabas, byte[] body, byte[] claimed) {
        boolean anyKnown = false;
        for (String waba : wabas) {
            List<Signatures> ofWaba = byWaba.get(waba);
            if (ofWaba != null) {
                anyKnown = true;
                if (!matchesAny(ofWaba, body, claimed)) {
                    throw new WebhookSignatureException(WebhookSignatureException.Reason.MISMATCH, SIGNATURE_HEADER
                            + " does not match the body with the app secret of a number of WABA " + waba);
                }
            }
        }
        if (!anyKnown && !matchesAny(all, body, claimed)) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MISMATCH,
                    SIGNATURE_HEADER + " does not match the body with any configured app secret");
        }
    }

    private static boolean matches(Signatures s, byte[] body, byte[] claimed) {
        return MessageDigest.isEqual(s.hmac(body), claimed);
    }

    /** Compares with every candidate (no early exit), each in constant time. */
    private static boolean matchesAny(List<Signatures> candidates, byte[] body, byte[] claimed) {
        boolean any = false;
        for (Signatures s : candidates) {
            any |= matches(s, body, claimed);
        }
        return any;
    }

    /** The header's HMAC bytes. */
    private static byte[] claimed(String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MISSING,
                    "webhook has no " + SIGNATURE_HEADER + " header");
        }
        String value = signatureHeader.trim();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || value.length() != PREFIX.length() + 64) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MALFORMED,
                    SIGNATURE_HEADER + " is not sha256= followed by 64 hex digits");
        }
        try {
            return HexFormat.of().parseHex(value, PREFIX.length(), value.length());
        } catch (IllegalArgumentException e) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MALFORMED,
                    SIGNATURE_HEADER + " is not sha256= followed by 64 hex digits");
        }
    }

    /** An id from the untrusted body, safe for a message and a log: 64 characters, letters and digits. */
    private static String shown(String id) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < id.length() && out.length() < 64; i++) {
            char c = id.charAt(i);
            out.append(c < 128 && Character.isLetterOrDigit(c) ? c : '?');
        }
        return out.toString();
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

    /**
     * The header value Meta would send for this body (for tests and the simulator): signed with
     * the one secret, or the first number's.
     */
    public String sign(byte[] body) {
        return signatures.header(body);
    }

    /**
     * The header value Meta would send for this body on behalf of this number (for tests).
     *
     * @throws IllegalArgumentException when the number is not configured (a verifier of one
     *                                  secret knows no numbers: use {@link #sign(byte[])})
     */
    public String sign(String phoneNumberId, byte[] body) {
        Signatures s = byNumber.get(phoneNumberId);
        if (s == null) {
            throw new IllegalArgumentException("no app secret configured for phone number id " + phoneNumberId);
        }
        return s.header(body);
    }

    /** The phone number ids configured, the first one first (empty for a verifier of one secret). */
    public List<String> phoneNumberIds() {
        return List.copyOf(byNumber.keySet());
    }

    private record NumberSecret(String phoneNumberId, String wabaId, String appSecret) {
    }

    /**
     * Collects the numbers of a {@link WebhookVerifier}: each one's phone number id, WABA id and
     * app secret, and the verify tokens the handshake accepts. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, NumberSecret> numbers = new LinkedHashMap<>();
        private final Set<String> verifyTokens = new LinkedHashSet<>();
        private final List<FieldError> errors = new ArrayList<>();
        private int given;

        private Builder() {
        }

        /**
         * A business number and the secret of the Meta app its webhooks come from.
         *
         * @param phoneNumberId the Cloud API phone number id (required)
         * @param wabaId        the WhatsApp Business Account it belongs to, or null when unknown
         * @param appSecret     the Meta app's secret (required)
         */
        public Builder number(String phoneNumberId, String wabaId, String appSecret) {
            String field = "numbers[" + given++ + "]";
            boolean ok = true;
            if (phoneNumberId == null || phoneNumberId.isBlank()) {
                errors.add(new FieldError(field + ".phoneNumberId", "missing", field + ": phoneNumberId is required"));
                ok = false;
            }
            if (appSecret == null || appSecret.isEmpty()) {
                errors.add(new FieldError(field + ".appSecret", "missing", field + ": appSecret is required to verify "
                        + "webhooks of phone number id " + phoneNumberId));
                ok = false;
            }
            if (ok && numbers.containsKey(phoneNumberId.strip())) {
                errors.add(new FieldError(field + ".phoneNumberId", "duplicate", "phone number id " + phoneNumberId
                        + " is configured twice"));
                ok = false;
            }
            if (ok) {
                String waba = wabaId == null || wabaId.isBlank() ? null : wabaId.strip();
                numbers.put(phoneNumberId.strip(), new NumberSecret(phoneNumberId.strip(), waba, appSecret));
            }
            return this;
        }

        /** A verify token the handshake accepts (call once per token; none: every handshake is refused). */
        public Builder verifyToken(String verifyToken) {
            if (verifyToken != null && !verifyToken.isEmpty()) {
                verifyTokens.add(verifyToken);
            }
            return this;
        }

        /**
         * The verifier.
         *
         * @throws ValidationException when no number was given, or naming each number without its
         *                             phone number id or app secret, or given twice
         */
        public WebhookVerifier build() {
            List<FieldError> all = new ArrayList<>(errors);
            if (numbers.isEmpty() && all.isEmpty()) {
                all.add(new FieldError("numbers", "missing", "at least one number is needed to verify webhooks"));
            }
            if (!all.isEmpty()) {
                throw new ValidationException(all);
            }
            return new WebhookVerifier(this);
        }
    }
}
