package io.leadreach.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.ValidationException;
import io.leadreach.ValidationException.FieldError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CloudApiConfigTest {

    @Test
    void defaultsApplyWhenOnlyTheRequiredSettingsAreGiven() {
        CloudApiConfig config = CloudApiConfig.custom().phoneNumberId("1234567890").accessToken("EAAGtoken").build();

        assertThat(config.baseUrl()).hasToString(CloudApiConfig.DEFAULT_BASE_URL);
        assertThat(config.apiVersion()).isEqualTo(CloudApiConfig.DEFAULT_API_VERSION);
        assertThat(config.connectTimeout()).isEqualTo(CloudApiConfig.DEFAULT_CONNECT_TIMEOUT);
        assertThat(config.responseTimeout()).isEqualTo(CloudApiConfig.DEFAULT_RESPONSE_TIMEOUT);
        assertThat(config.poolSize()).isEqualTo(CloudApiConfig.DEFAULT_POOL_SIZE);
        assertThat(config.maxResponseSize()).isEqualTo(CloudApiConfig.DEFAULT_MAX_RESPONSE_SIZE);
        assertThat(config.mediaIdTtl()).isEqualTo(Duration.ofDays(20));
        assertThat(config.wabaId()).isNull();
    }

    @Test
    void everyMissingOrMalformedSettingIsNamed() {
        assertThatThrownBy(() -> CloudApiConfig.custom().phoneNumberId("12ab").wabaId("x").apiVersion("23")
                .baseUrl("ftp://graph.facebook.com").connectTimeout(Duration.ZERO).responseTimeout(null).poolSize(0)
                .maxResponseSize(10).mediaIdTtl(Duration.ofDays(30)).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactlyInAnyOrder("phoneNumberId", "wabaId", "accessToken", "apiVersion", "baseUrl",
                                "connectTimeout", "responseTimeout", "poolSize", "maxResponseSize", "mediaIdTtl"));
    }

    @Test
    void aMissingTokenIsReportedAsMissing() {
        assertThatThrownBy(() -> CloudApiConfig.custom().phoneNumberId("1").build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).containsExactly(
                            new FieldError("accessToken", "missing", "accessToken is required"));
                });
    }

    @Test
    void aMalformedTokenIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> CloudApiConfig.custom().phoneNumberId("1").accessToken("secret with spaces").build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("accessToken")
                .hasMessageNotContaining("secret with spaces");
    }

    @Test
    void toStringNeverShowsTheTokenOrTheSecrets() {
        CloudApiConfig config = CloudApiConfig.custom().phoneNumberId("1234567890").accessToken("EAAGsupersecret")
                .appSecret("appsecret42").verifyToken("verify42").build();

        assertThat(config.toString()).contains("1234567890")
                .doesNotContain("EAAGsupersecret").doesNotContain("appsecret42").doesNotContain("verify42");
    }

    @Test
    void aTrailingSlashOnTheBaseUrlIsDropped() {
        CloudApiConfig config = CloudApiConfig.custom().phoneNumberId("1").accessToken("t")
                .baseUrl("http://localhost:8080/graph/").build();

        assertThat(config.baseUrl()).hasToString("http://localhost:8080/graph");
        assertThat(config.toBuilder().build().baseUrl()).isEqualTo(config.baseUrl());
    }
}
