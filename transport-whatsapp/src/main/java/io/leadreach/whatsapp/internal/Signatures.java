package io.leadreach.whatsapp.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 with one key, using a {@link Mac} per thread (a Mac is not thread-safe; making one is not free). */
public final class Signatures {

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    /** Signs with the given secret. */
    public Signatures(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac(); // fail fast if the JDK lacks HmacSHA256
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The HMAC of the bytes. */
    public byte[] hmac(byte[] body) {
        Mac mac = macs.get();
        mac.reset();
        return mac.doFinal(body);
    }

    /** The {@code X-Hub-Signature-256} value for the bytes: {@code sha256=} and lower-case hex. */
    public String header(byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(body));
    }
}
