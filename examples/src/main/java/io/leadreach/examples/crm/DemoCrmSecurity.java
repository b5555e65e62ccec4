package io.leadreach.examples.crm;

import io.leadreach.spring.LeadReachHttpSecurityCustomizer;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcherEntry;

/**
 * The demo CRM's security: two filter chains that share one sign-in.
 *
 * <ul>
 *   <li>The CRM's own chain (every path but LeadReach's): the sign-in page at {@value #LOGIN}
 *       (Spring Security form login) and sign-out for browsers, HTTP Basic for API clients of the
 *       JSON routes, and the strict {@link #CONTENT_SECURITY_POLICY} on every page.</li>
 *   <li>The LeadReach starter's chain ({@code /leads/whatsapp/**}, {@code /leads/{id}/whatsapp/**}),
 *       adjusted by {@link #demoApiSecurity}: HTTP Basic on each request for API clients, and the
 *       session of the form login for the browser.</li>
 * </ul>
 *
 * <p>Both chains load and save the signed-in user through the same {@link SecurityContextRepository}
 * ({@link #crmSecurityContexts()}: the HTTP session, then the request), so a user signed in on
 * the CRM's page is signed in on LeadReach's console and API too. HTTP Basic stays stateless:
 * Spring Security's Basic filter keeps its user in the request only, the LeadReach chain never
 * creates a session, and neither chain creates one to remember a refused request of an API
 * client. Both chains keep the CSRF token in the session, so a token rendered on a CRM page is
 * valid for a POST to LeadReach's routes.
 */
@Configuration(proxyBeanMethods = false)
public class DemoCrmSecurity {

    /** The sign-in page. */
    public static final String LOGIN = "/login";
    /** Where a user lands after signing in without a page they were sent away from. */
    public static final String HOME = "/crm/leads";
    /**
     * The Content-Security-Policy of the CRM's pages: nothing inline, nothing from elsewhere, and
     * {@code blob:} images for the preview of an image attachment in LeadReach's send boxes.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' blob:";

    /**
     * Requests of an API client authenticating with a header: no CSRF token is asked of them, as a
     * cross-site page cannot set that header. A browser that cached Basic credentials would send
     * them on a cross-site form post too, but it marks that post {@code Sec-Fetch-Site: cross-site}
     * (or {@code same-site}): those still need the token.
     */
    static final RequestMatcher API_CLIENT = request -> {
        if (request.getHeader("Authorization") == null) {
            return false;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        return site == null || site.equals("none") || site.equals("same-origin");
    };

    /** A browser asking for a page (not {@code *}{@code /*}, not a script's request). */
    static final RequestMatcher PAGE_REQUEST = pageRequest();

    /** Where both chains keep the signed-in user: the HTTP session, and the request. */
    @Bean
    public SecurityContextRepository crmSecurityContexts() {
        return new DelegatingSecurityContextRepository(new HttpSessionSecurityContextRepository(),
                new RequestAttributeSecurityContextRepository());
    }

    /**
     * The LeadReach routes: HTTP Basic on each request for API clients (no session is created for
     * them), and the session of the CRM's sign-in page for the browser, with CSRF protection.
     */
    @Bean
    public LeadReachHttpSecurityCustomizer demoApiSecurity(SecurityContextRepository crmSecurityContexts) {
        return http -> http
                .httpBasic(Customizer.withDefaults())
                .securityContext(context -> context.securityContextRepository(crmSecurityContexts))
                // Use the session of the sign-in page when there is one; never create one here.
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .csrf(csrf -> csrf.ignoringRequestMatchers(API_CLIENT));
    }

    /**
     * The CRM's own routes: the sign-in page, the static assets and {@code /} (a redirect to the
     * leads) are open, {@code /crm/**} needs a demo user, anything else is refused. A browser
     * without a session is sent to the sign-in page; an API client gets a 401 Basic challenge.
     */
    @Bean
    public SecurityFilterChain crmSecurity(HttpSecurity http, SecurityContextRepository crmSecurityContexts)
            throws Exception {
        HttpSessionRequestCache pagesOnly = new HttpSessionRequestCache();
        pagesOnly.setRequestMatcher(request -> HttpMethod.GET.matches(request.getMethod())
                && PAGE_REQUEST.matches(request));
        pagesOnly.setMatchingRequestParameterName(null);
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("LeadReach demo CRM");
        basic.afterPropertiesSet();
        AuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(basic,
                List.of(new RequestMatcherEntry<>(PAGE_REQUEST, new LoginUrlAuthenticationEntryPoint(LOGIN))));
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/", "/assets/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/crm/**").authenticated()
                        .anyRequest().denyAll())
                .formLogin(form -> form.loginPage(LOGIN).defaultSuccessUrl(HOME).permitAll())
                .logout(logout -> logout.logoutSuccessUrl(LOGIN + "?logout").permitAll())
                .httpBasic(basicConfig -> basicConfig.realmName("LeadReach demo CRM"))
                .securityContext(context -> context.securityContextRepository(crmSecurityContexts))
                .requestCache(cache -> cache.requestCache(pagesOnly))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint))
                .csrf(csrf -> csrf.ignoringRequestMatchers(API_CLIENT))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .build();
    }

    private static RequestMatcher pageRequest() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return request -> !"XMLHttpRequest".equals(request.getHeader("X-Requested-With")) && html.matches(request);
    }
}
