package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.spring.internal.MultipartDefaults;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.unit.DataSize;

class MultipartDefaultsTest {

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new MultipartDefaults().postProcessEnvironment(env, new SpringApplication());
        return env;
    }

    @Test
    void uploadLimitsFollowTheAttachmentLimit() {
        StandardEnvironment env = environment(Map.of("leadreach.attachments.max-size", "8MB"));
        assertThat(DataSize.parse(env.getProperty("spring.servlet.multipart.max-file-size")))
                .isEqualTo(DataSize.ofMegabytes(9));
        assertThat(DataSize.parse(env.getProperty("spring.servlet.multipart.max-request-size")))
                .isEqualTo(DataSize.ofMegabytes(10));
    }

    @Test
    void defaultAttachmentLimitAllowsUploadsOfSixMegabytes() {
        StandardEnvironment env = environment(Map.of());
        assertThat(DataSize.parse(env.getProperty("spring.servlet.multipart.max-file-size")))
                .isEqualTo(DataSize.ofMegabytes(6));
    }

    @Test
    void theHostsOwnLimitsWin() {
        StandardEnvironment env = environment(Map.of("spring.servlet.multipart.max-file-size", "2MB"));
        assertThat(env.getProperty("spring.servlet.multipart.max-file-size")).isEqualTo("2MB");
        assertThat(env.getProperty("spring.servlet.multipart.max-request-size")).isNotNull();
    }
}
