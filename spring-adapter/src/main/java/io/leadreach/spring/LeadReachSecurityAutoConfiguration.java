package io.leadreach.spring;

import io.leadreach.LeadWhatsAppService;
import io.leadreach.security.Permission;
import io.leadreach.spring.internal.Routes;
import io.leadreach.spring.internal.SecurityProblems;
import io.leadreach.spring.ui.internal.ForbiddenPage;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HttpBasicConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security for the LeadReach routes: a filter chain of its own that matches only them, so
 * the host's chains are untouched. Every route needs its permission's authority (such as
 * {@code lead-whatsapp-send}); the webhook is open (its deliveries are authenticated by their
 * signature) and exempt from CSRF; any other path under the LeadReach paths needs a login and is
 * then answered by Spring MVC (404 for an unknown path). Refusals are RFC 9457 problems (401, 403),
 * also for a wrong password when a {@link LeadReachHttpSecurityCustomizer} turns HTTP Basic on. Runs after Spring Boot's own web security so that Boot's default
 * chain for the rest of the application is kept.
 */
@AutoConfiguration(afterName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        after = LeadReachWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, HttpSecurity.class})
@ConditionalOnBean(LeadWhatsAppService.class)
public class LeadReachSecurityAutoConfiguration {

    /** The order of the LeadReach chain: ahead of the host's catch-all chains. */
    public static final int ORDER = 90;

    /**
     * The webhook's own chain, ahead of the routes' chain: Meta's deliveries carry no login and are
     * authenticated by their signature (the endpoint checks it), so the chain keeps no session, no
     * saved request, no CSRF token and no anonymous user, and does nothing a delivery would pay for
     * on every request. The security headers stay. {@link LeadReachHttpSecurityCustomizer}s do not
     * apply to it; a host that wants more in front of the webhook (an address filter, say) defines
     * a bean named {@code leadReachWebhookSecurityFilterChain} of its own.
     */
    @Bean
    @Order(ORDER - 2)
    @ConditionalOnMissingBean(name = "leadReachWebhookSecurityFilterChain")
    public SecurityFilterChain leadReachWebhookSecurityFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher(Routes.WEBHOOK)
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .anonymous(anonymous -> anonymous.disable())
                .logout(logout -> logout.disable())
                .servletApi(servletApi -> servletApi.disable());
        return http.build();
    }

    /** The LeadReach routes' chain. */
    @Bean
    @Order(ORDER)
    @ConditionalOnMissingBean(name = "leadReachSecurityFilterChain")
    public SecurityFilterChain leadReachSecurityFilterChain(HttpSecurity http,
            ObjectProvider<LeadReachHttpSecurityCustomizer> customizers,
            ObjectProvider<LeadReachProperties> properties, ObjectProvider<ForbiddenPage> forbiddenPages)
            throws Exception {
        LeadReachProperties.Ui ui = properties.getIfAvailable(LeadReachProperties::new).getUi();
        http.securityMatcher("/leads/whatsapp", "/leads/whatsapp/**", "/leads/*/whatsapp/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(Routes.WEBHOOK).permitAll()
                        // The console's stylesheet, scripts and WebJars: the same for everyone.
                        .requestMatchers(HttpMethod.GET, Routes.UI_ASSETS).permitAll()
                        .requestMatchers(HttpMethod.GET, Routes.CONSOLE).authenticated()
                        .requestMatchers(HttpMethod.GET, Routes.CAMPAIGN_BUILDER)
                                .hasAuthority(Permission.CAMPAIGN_CREATE.authority())
                        // Page-only paths, ahead of the wildcard rules that would also match them.
                        .requestMatchers(HttpMethod.GET, Routes.TEMPLATE_NEW, path(Routes.TEMPLATE_EDIT))
                                .hasAuthority(Permission.TEMPLATE_MANAGE.authority())
                        .requestMatchers(HttpMethod.GET, Routes.AUTOMATION_RULE_NEW)
                                .hasAuthority(Permission.CAMPAIGN_CREATE.authority())
                        .requestMatchers(HttpMethod.GET, path(Routes.AUTOMATION_RULE_EDIT))
                                .hasAuthority(Permission.CAMPAIGN_VIEW.authority())
                        .requestMatchers(HttpMethod.POST, Routes.AUTOMATION_DRY_RUN)
                                .hasAuthority(Permission.CAMPAIGN_CREATE.authority())
                        .requestMatchers(HttpMethod.POST, path(Routes.SEND)).hasAuthority(Permission.SEND.authority())
                        .requestMatchers(HttpMethod.POST, Routes.BULK_SEND, Routes.BULK_SEND_CHECK)
                                .hasAuthority(Permission.BULK_SEND.authority())
                        .requestMatchers(HttpMethod.GET, path(Routes.JOB), path(Routes.JOB_STREAM))
                                .hasAuthority(Permission.BULK_SEND.authority())
                        .requestMatchers(HttpMethod.POST, path(Routes.JOB_CANCEL)).hasAuthority(Permission.BULK_SEND.authority())
                        .requestMatchers(HttpMethod.GET, Routes.CAMPAIGNS, path(Routes.CAMPAIGN), path(Routes.CAMPAIGN_REPORT),
                                path(Routes.CAMPAIGN_RECIPIENTS), path(Routes.CAMPAIGN_STREAM),
                                path(Routes.CAMPAIGN_LEAD_IDS), Routes.MESSAGES,
                                Routes.REPLIES, Routes.TRACKING)
                                .hasAuthority(Permission.CAMPAIGN_VIEW.authority())
                        .requestMatchers(HttpMethod.POST, Routes.CAMPAIGNS, Routes.CAMPAIGN_PREVIEW,
                                path(Routes.CAMPAIGN_DRAFT_PREVIEW), Routes.CAMPAIGN_TARGET_CSV, Routes.CAMPAIGN_TEST_SEND)
                                .hasAuthority(Permission.CAMPAIGN_CREATE.authority())
                        // The numbers a campaign may send from: whoever creates or views campaigns.
                        .requestMatchers(HttpMethod.GET, Routes.SENDER_NUMBERS)
                                .hasAnyAuthority(Permission.CAMPAIGN_CREATE.authority(), Permission.CAMPAIGN_VIEW.authority())
                        // A lead's WhatsApp history: whoever may message the lead, or see campaigns.
                        .requestMatchers(HttpMethod.GET, Routes.EMBED_BULK_SEND).hasAuthority(Permission.BULK_SEND.authority())
                        .requestMatchers(HttpMethod.GET, path(Routes.LEAD_MESSAGES), path(Routes.LEAD_ATTACHMENTS),
                                path(Routes.ATTACHMENT), path(Routes.LEAD_TAB))
                                .hasAnyAuthority(Permission.SEND.authority(), Permission.CAMPAIGN_VIEW.authority())
                        .requestMatchers(HttpMethod.GET, Routes.ANALYTICS).hasAuthority(Permission.ANALYTICS_VIEW.authority())
                        .requestMatchers(HttpMethod.POST, path(Routes.CAMPAIGN_ACTION) + "execute",
                                path(Routes.CAMPAIGN_ACTION) + "pause", path(Routes.CAMPAIGN_ACTION) + "resume",
                                path(Routes.CAMPAIGN_ACTION) + "cancel", path(Routes.CAMPAIGN_ACTION) + "retry-failed",
                                path(Routes.CAMPAIGN_RECIPIENT_RESOLVE))
                                .hasAuthority(Permission.CAMPAIGN_EXECUTE.authority())
                        .requestMatchers(HttpMethod.GET, Routes.TEMPLATES, path(Routes.TEMPLATE))
                                .hasAuthority(Permission.TEMPLATE_MANAGE.authority())
                        .requestMatchers(HttpMethod.POST, Routes.TEMPLATES).hasAuthority(Permission.TEMPLATE_MANAGE.authority())
                        .requestMatchers(HttpMethod.PUT, path(Routes.TEMPLATE)).hasAuthority(Permission.TEMPLATE_MANAGE.authority())
                        .requestMatchers(HttpMethod.DELETE, path(Routes.TEMPLATE))
                                .hasAuthority(Permission.TEMPLATE_MANAGE.authority())
                        .requestMatchers(HttpMethod.GET, Routes.AUTOMATION_RULES, path(Routes.AUTOMATION_RULE))
                                .hasAuthority(Permission.CAMPAIGN_VIEW.authority())
                        .requestMatchers(HttpMethod.POST, Routes.AUTOMATION_RULES)
                                .hasAuthority(Permission.CAMPAIGN_CREATE.authority())
                        .requestMatchers(HttpMethod.PUT, path(Routes.AUTOMATION_RULE))
                                .hasAuthority(Permission.CAMPAIGN_CREATE.authority())
                        .requestMatchers(HttpMethod.DELETE, path(Routes.AUTOMATION_RULE))
                                .hasAuthority(Permission.CAMPAIGN_CREATE.authority())
                        // Any other path under LeadReach's needs a login, then is MVC's to answer
                        // (404 for an unknown path, 405 for a wrong method), as problems.
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(Routes.WEBHOOK))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint(ui.isEnabled() ? SecurityProblems.entryPoint(ui.getLoginPath())
                                : SecurityProblems.entryPoint())
                        .accessDeniedHandler(SecurityProblems.accessDeniedHandler(forbiddenPages::getIfAvailable)));
        List<LeadReachHttpSecurityCustomizer> list = customizers.orderedStream().toList();
        if (list.isEmpty()) {
            http.httpBasic(basic -> basic.authenticationEntryPoint(SecurityProblems.entryPoint()));
        }
        for (LeadReachHttpSecurityCustomizer c : list) {
            c.customize(http);
        }
        // A customizer that turns HTTP Basic on with Spring's defaults would answer a wrong password
        // with the container's error page: it is a problem like every other refusal here.
        @SuppressWarnings("unchecked")
        HttpBasicConfigurer<HttpSecurity> basic = http.getConfigurer(HttpBasicConfigurer.class);
        if (basic != null) {
            basic.authenticationEntryPoint(SecurityProblems.entryPoint());
        }
        return http.build();
    }

    /**
     * Opens the OpenAPI description and the Swagger UI to anyone, only when the host sets
     * {@code leadreach.web.api-docs-public=true}; otherwise the host's own chains decide.
     */
    @Bean
    @Order(ORDER - 1)
    @ConditionalOnClass(name = "org.springdoc.core.properties.SpringDocConfigProperties")
    @ConditionalOnProperty(name = "leadreach.web.api-docs-public", havingValue = "true")
    @ConditionalOnMissingBean(name = "leadReachApiDocsSecurityFilterChain")
    public SecurityFilterChain leadReachApiDocsSecurityFilterChain(HttpSecurity http, Environment environment)
            throws Exception {
        String docs = environment.getProperty("springdoc.api-docs.path", "/v3/api-docs");
        String ui = environment.getProperty("springdoc.swagger-ui.path", "/swagger-ui.html");
        http.securityMatcher(docs, docs + "/**", ui, "/swagger-ui/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    /** A route with its variables as single-segment wildcards. */
    private static String path(String route) {
        return route.replaceAll("\\{[^}]+}", "*");
    }
}
