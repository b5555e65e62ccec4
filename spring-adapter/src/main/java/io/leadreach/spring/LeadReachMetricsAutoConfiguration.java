package io.leadreach.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * LeadReach's metrics ({@link MicrometerEngineObserver}) when Micrometer is on the class path and
 * the application has a {@link MeterRegistry} (Spring Boot's actuator makes one).
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"},
        beforeName = "io.leadreach.spring.LeadReachAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class LeadReachMetricsAutoConfiguration {

    /** The engine observer that counts and times sends on the registry. */
    @Bean
    @ConditionalOnMissingBean
    public MicrometerEngineObserver leadReachMicrometerObserver(MeterRegistry registry) {
        return new MicrometerEngineObserver(registry);
    }
}
