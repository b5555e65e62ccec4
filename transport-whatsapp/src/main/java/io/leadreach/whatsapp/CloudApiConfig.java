package io.leadreach.whatsapp;

import io.leadreach.ValidationException;
import io.leadreach.ValidationException.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The settings of the WhatsApp Business Cloud API adapter: who sends (phone number id, WhatsApp
 * Business Account id, access token), how webhooks are checked (app secret, verify token), where
 * the Graph API lives (base URL, API version) and how the HTTP client behaves (timeouts, pool size,
 * the largest response it reads).
 *
 * <p>Immutable; build one with {@link #custom()}:
 *
 * <pre>{@code
 * CloudApiConfig config = CloudApiConfig.custom()
 *         .phoneNumberId("106540352242922")
 *         .accessToken(System.getenv("WHATSAPP_TOKEN"))
 *         .appSecret(System.getenv("WHATSAPP_APP_SECRET"))
 *         .build();
 * }</pre>
 *
 * <p>{@link Builder#build()} checks every setting and throws a {@link ValidationException} whose
 * {@link ValidationException#errors() errors} name each setting at fault (by its builder method
 * name). The phone number id and the access token are always required; the WABA id is required
 * only by {@link TemplateSync}, and the app secret and verify token only by
 * {@link WebhookVerifier}, which each say so when they are missing. {@link #toString()} never
 * shows the token or the secrets.
 */
public final class CloudApiConfig {

    /** Meta's Graph API host. */
    public static final String DEFAULT_BASE_URL = "https://graph.facebook.com";
    /** The Graph API version used when none is set. */
    public static final String DEFAULT_API_VERSION = "v23.0";
    /** How long to wait for a TCP (and TLS) connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long to wait for the response once the request is written. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(15);
    /** The most connections kept open to the Graph API (also the most sends in flight). */
    public static final int DEFAULT_POOL_SIZE = 64;
    /** The largest response body read; anything larger is cut off and treated as unreadable. */
    public static final int DEFAULT_MAX_RESPONSE_SIZE = 1024 * 1024;
    /** How long an uploaded media id is reused; Meta keeps uploads 30 days. */
    public static final Duration DEFAULT_MEDIA_ID_TTL = Duration.ofDays(20);
    /** How many media ids are remembered at most. */
    public static final int DEFAULT_MEDIA_CACHE_SIZE = 10_000;
    /** The largest webhook body {@link WebhookParser} accepts. */
    public static final int DEFAULT_MAX_WEBHOOK_BODY_SIZE = 1024 * 1024;

    /** Meta keeps an uploaded media id for this long; cached ids must expire well before. */
    static final Duration MEDIA_ID_LIFETIME = Duration.ofDays(30);

    private static final Pattern GRAPH_ID = Pattern.compile("[0-9]{1,32}");
    private static final Pattern API_VERSION = Pattern.compile("v[0-9]{1,3}\\.[0-9]{1,2}");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");

    private final String phoneNumberId;
    private final String wabaId;
    private final String accessToken;
    private final String appSecret;
    private final String verifyToken;
    private final String apiVersion;
    private final URI baseUrl;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final int poolSize;
    private final int maxResponseSize;
    private final Duration mediaIdTtl;
    private final int mediaCacheSize;
    private final int maxWebhookBodySize;

    private CloudApiConfig(Builder b, URI baseUrl) {
        this.phoneNumberId = b.phoneNumberId;
        this.wabaId = b.wabaId;
        this.accessToken = b.accessToken;
        this.appSecret = b.appSecret;
        this.verifyToken = b.verifyToken;
        this.apiVersion = b.apiVersion;
        this.baseUrl = baseUrl;
        this.connectTimeout = b.connectTimeout;
        this.responseTimeout = b.responseTimeout;
        this.poolSize = b.poolSize;
        this.maxResponseSize = b.maxResponseSize;
        this.mediaIdTtl = b.mediaIdTtl;
        this.mediaCacheSize = b.mediaCacheSize;
        this.maxWebhookBodySize = b.maxWebhookBodySize;
    }

    /** A builder with every optional setting at its {@code DEFAULT_*} value. */
    public static Builder custom() {
        return new Builder();
    }

    /** A builder holding this configuration's settings, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.phoneNumberId = phoneNumberId;
        b.wabaId = wabaId;
        b.accessToken = accessToken;
        b.appSecret = appSecret;
        b.verifyToken = verifyToken;
        b.apiVersion = apiVersion;
        b.baseUrl = baseUrl.toString();
        b.connectTimeout = connectTimeout;
        b.responseTimeout = responseTimeout;
        b.poolSize = poolSize;
        b.maxResponseSize = maxResponseSize;
        b.mediaIdTtl = mediaIdTtl;
        b.mediaCacheSize = mediaCacheSize;
        b.maxWebhookBodySize = maxWebhookBodySize;
        return b;
    }

    /** The business phone number's id (not the number itself). */
    public String phoneNumberId() {
        return phoneNumberId;
    }

    /** The WhatsApp Business Account id, or null when not set. */
    public String wabaId() {
        return wabaId;
    }

    /** The access token sent as a bearer token. Never log it. */
    public String accessToken() {
        return accessToken;
    }

    /** The Meta app's secret that signs webhooks, or null when not set. */
    public String appSecret() {
        return appSecret;
    }

    /** The token Meta echoes in the webhook verification handshake, or null when not set. */
    public String verifyToken() {
        return verifyToken;
    }

    /** The Graph API version in request paths, such as {@code v23.0}. */
    public String apiVersion() {
        return apiVersion;
    }

    /** Where the Graph API lives, without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The TCP connect timeout. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long to wait for a response once the request is written. */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** The most pooled connections. */
    public int poolSize() {
        return poolSize;
    }

    /** The largest response body read, in bytes. */
    public int maxResponseSize() {
        return maxResponseSize;
    }

    /** How long an uploaded media id is reused. */
    public Duration mediaIdTtl() {
        return mediaIdTtl;
    }

    /** How many uploaded media ids are remembered. */
    public int mediaCacheSize() {
        return mediaCacheSize;
    }

    /** The largest webhook body accepted, in bytes. */
    public int maxWebhookBodySize() {
        return maxWebhookBodySize;
    }

    @Override
    public String toString() {
        return "CloudApiConfig[phoneNumberId=" + phoneNumberId + ", wabaId=" + wabaId
                + ", accessToken=****, appSecret=" + (appSecret == null ? "null" : "****")
                + ", verifyToken=" + (verifyToken == null ? "null" : "****")
                + ", apiVersion=" + apiVersion + ", baseUrl=" + baseUrl
                + ", connectTimeout=" + connectTimeout + ", responseTimeout=" + responseTimeout
                + ", poolSize=" + poolSize + ", maxResponseSize=" + maxResponseSize
                + ", mediaIdTtl=" + mediaIdTtl + ", mediaCacheSize=" + mediaCacheSize
                + ", maxWebhookBodySize=" + maxWebhookBodySize + "]";
    }

    /** Collects settings; {@link #build()} checks them all at once. Not thread-safe. */
    public static final class Builder {
        private String phoneNumberId;
        private String wabaId;
        private String accessToken;
        private String appSecret;
        private String verifyToken;
        private String apiVersion = DEFAULT_API_VERSION;
        private String baseUrl = DEFAULT_BASE_URL;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private int poolSize = DEFAULT_POOL_SIZE;
        private int maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;
        private Duration mediaIdTtl = DEFAULT_MEDIA_ID_TTL;
        private int mediaCacheSize = DEFAULT_MEDIA_CACHE_SIZE;
        private int maxWebhookBodySize = DEFAULT_MAX_WEBHOOK_BODY_SIZE;

        private Builder() {
        }

        /** The business phone number's Graph id (digits). Required. */
        public Builder phoneNumberId(String phoneNumberId) {
            this.phoneNumberId = phoneNumberId;
            return this;
        }

        /** The WhatsApp Business Account id (digits); needed to list templates. */
        public Builder wabaId(String wabaId) {
            this.wabaId = wabaId;
            return this;
        }

        /** A system-user or app access token. Required. */
        public Builder accessToken(String accessToken) {
            this.accessToken = accessToken;
            return this;
        }

        /** The Meta app's secret, the key of the webhook signature. */
        public Builder appSecret(String appSecret) {
            this.appSecret = appSecret;
            return this;
        }

        /** The verify token configured for the webhook subscription. */
        public Builder verifyToken(String verifyToken) {
            this.verifyToken = verifyToken;
            return this;
        }

        /** The Graph API version, such as {@code v23.0}. */
        public Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        /** Where the Graph API lives; point it at a simulator or a stub server in tests. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** The TCP connect timeout. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** How long to wait for a response once a request is written. */
        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
            return this;
        }

        /** The most pooled connections (and concurrent requests). */
        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        /** The largest response body read, in bytes. */
        public Builder maxResponseSize(int maxResponseSize) {
            this.maxResponseSize = maxResponseSize;
            return this;
        }

        /** How long an uploaded media id is reused; must stay below Meta's 30 days. */
        public Builder mediaIdTtl(Duration mediaIdTtl) {
            this.mediaIdTtl = mediaIdTtl;
            return this;
        }

        /** How many uploaded media ids are remembered. */
        public Builder mediaCacheSize(int mediaCacheSize) {
            this.mediaCacheSize = mediaCacheSize;
            return this;
        }

        /** The largest webhook body accepted, in bytes. */
        public Builder maxWebhookBodySize(int maxWebhookBodySize) {
            this.maxWebhookBodySize = maxWebhookBodySize;
            return this;
        }

        /**
         * Checks every setting and builds the configuration.
         *
         * @throws ValidationException naming each missing or malformed setting
         */
        public CloudApiConfig build() {
            List<FieldError> errors = new ArrayList<>();
            requireMatch(errors, "phoneNumberId", phoneNumberId, true, GRAPH_ID, "digits only");
            requireMatch(errors, "wabaId", wabaId, false, GRAPH_ID, "digits only");
            requireMatch(errors, "accessToken", accessToken, true, TOKEN, "printable characters, no spaces");
            requireMatch(errors, "appSecret", appSecret, false, TOKEN, "printable characters, no spaces");
            requireMatch(errors, "verifyToken", verifyToken, false, TOKEN, "printable characters, no spaces");
            requireMatch(errors, "apiVersion", apiVersion, true, API_VERSION, "like v23.0");
            URI uri = parseBaseUrl(errors);
            positive(errors, "connectTimeout", connectTimeout);
            positive(errors, "responseTimeout", responseTimeout);
            if (poolSize < 1 || poolSize > 10_000) {
                errors.add(new FieldError("poolSize", "out_of_range", "poolSize must be between 1 and 10000"));
            }
            if (maxResponseSize < 1024) {
                errors.add(new FieldError("maxResponseSize", "out_of_range", "maxResponseSize must be at least 1024 bytes"));
            }
            if (maxWebhookBodySize < 1024) {
                errors.add(new FieldError("maxWebhookBodySize", "out_of_range",
                        "maxWebhookBodySize must be at least 1024 bytes"));
            }
            if (mediaCacheSize < 1) {
                errors.add(new FieldError("mediaCacheSize", "out_of_range", "mediaCacheSize must be at least 1"));
            }
            if (positive(errors, "mediaIdTtl", mediaIdTtl) && mediaIdTtl.compareTo(MEDIA_ID_LIFETIME.minusDays(1)) > 0) {
                errors.add(new FieldError("mediaIdTtl", "out_of_range",
                        "mediaIdTtl must be at most 29 days: Meta deletes uploaded media after 30 days"));
            }
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
            return new CloudApiConfig(this, uri);
        }

        private URI parseBaseUrl(List<FieldError> errors) {
            if (baseUrl == null || baseUrl.isBlank()) {
                errors.add(new FieldError("baseUrl", "missing", "baseUrl is required"));
                return null;
            }
            String trimmed = baseUrl.strip();
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            try {
                URI uri = new URI(trimmed);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                        || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                    errors.add(new FieldError("baseUrl", "malformed",
                            "baseUrl must be an http(s) URL with a host and no query, such as " + DEFAULT_BASE_URL));
                    return null;
                }
                return uri;
            } catch (URISyntaxException e) {
                errors.add(new FieldError("baseUrl", "malformed", "baseUrl is not a URL: " + e.getReason()));
                return null;
            }
        }

        private static void requireMatch(List<FieldError> errors, String name, String value, boolean required,
                                         Pattern pattern, String expected) {
            if (value == null || value.isEmpty()) {
                if (required) {
                    errors.add(new FieldError(name, "missing", name + " is required"));
                }
                return;
            }
            if (!pattern.matcher(value).matches()) {
                // Never echo the value: it may be a secret.
                errors.add(new FieldError(name, "malformed", name + " is malformed: expected " + expected));
            }
        }

        private static boolean positive(List<FieldError> errors, String name, Duration value) {
            if (value == null) {
                errors.add(new FieldError(name, "missing", name + " is required"));
                return false;
            }
            if (value.isNegative() || value.isZero()) {
                errors.add(new FieldError(name, "out_of_range", name + " must be positive"));
                return false;
            }
            return true;
        }
    }
}
