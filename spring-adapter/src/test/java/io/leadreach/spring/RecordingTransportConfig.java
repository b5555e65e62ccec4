package io.leadreach.spring;

import io.leadreach.testing.RecordingTransport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A {@link RecordingTransport} as the application's WhatsApp transport, for context-runner tests. */
@Configuration(proxyBeanMethods = false)
class RecordingTransportConfig {

    @Bean
    RecordingTransport recordingTransport() {
        return new RecordingTransport();
    }
}
