package io.leadreach.spring;

import io.leadreach.testing.MutableClock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's clock at {@link TestApplication#NOON}, for context-runner tests that send: with the
 * system clock their sends would be refused during the default quiet hours (22:00 to 09:00 UTC), so
 * whether they passed would depend on the hour the build ran.
 */
@Configuration(proxyBeanMethods = false)
class NoonClockConfig {

    @Bean
    MutableClock leadReachTestClock() {
        return new MutableClock(TestApplication.NOON);
    }
}
