package io.leadreach.spring;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Adjusts the security filter chain of the LeadReach routes, typically to authenticate them the
 * way the host's own API is authenticated ({@code oauth2ResourceServer}, form login, ...) or to
 * change CSRF handling for a token-authenticated API. The route permissions are set before
 * customizers run; when there is no customizer, HTTP Basic is enabled (a session established by
 * the host's own login is honoured either way).
 */
@FunctionalInterface
public interface LeadReachHttpSecurityCustomizer {

    /** Adjusts the chain. */
    void customize(HttpSecurity http) throws Exception;
}
