package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.leadreach.security.Permission;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route the LeadReach controllers map is refused without its permission: a new route
 * cannot skip its check, because it fails here until it is given one (or declared open).
 */
class RouteSecurityTest extends ApiTestSupport {

    /** Routes open to any signed-in user (no permission), refused to anonymous callers. */
    private static final java.util.Set<String> SIGNED_IN = java.util.Set.of("GET /leads/whatsapp");

    /** What each route needs; empty for the webhook, which is authenticated by its signature. */
    private static final Map<String, Optional<Permission>> EXPECTED = new LinkedHashMap<>();
    /** Routes that any one of several permissions opens (their EXPECTED entry is one of them). */
    private static final Map<String, EnumSet<Permission>> EITHER = new LinkedHashMap<>();

    static {
        EXPECTED.put("POST /leads/{lead}/whatsapp/send", Optional.of(Permission.SEND));
        EXPECTED.put("POST /leads/whatsapp/bulk-send", Optional.of(Permission.BULK_SEND));
        EXPECTED.put("GET /leads/whatsapp/jobs/{id}", Optional.of(Permission.BULK_SEND));
        EXPECTED.put("GET /leads/whatsapp/jobs/{id}/stream", Optional.of(Permission.BULK_SEND));
        EXPECTED.put("POST /leads/whatsapp/jobs/{id}/cancel", Optional.of(Permission.BULK_SEND));
        EXPECTED.put("GET /leads/whatsapp/campaigns", Optional.of(Permission.CAMPAIGN_VIEW));
        EXPECTED.put("POST /leads/whatsapp/campaigns", Optional.of(Permission.CAMPAIGN_CREATE));
        EXPECTED.put("GET /leads/whatsapp/campaigns/{id}", Optional.of(Permission.CAMPAIGN_VIEW));
        EXPECTED.put("GET /leads/whatsapp/campaigns/create", Optional.of(Permission.CAMPAIGN_CREATE));
        EXPECTED.put("GET /leads/whatsapp/campaigns/{id}/report.csv", Optional.of(Permission.CAMPAIGN_VIEW));
        for (String action : new String[] {"execute", "pause", "resume", "cancel", "retry-failed"}) {
            EXPECTED.put("POST /leads/whatsapp/campaigns/{id}/" + action, Optional.of(Permission.CAMPAIGN_EXECUTE));
        }
        EXPECTED.put("POST /leads/whatsapp/campaigns/preview", Optional.of(Permission.CAMPAIGN_CREATE));
        EXPECTED.put("POST /leads/whatsapp/campaigns/{id}/preview", Optional.of(Permission.CAMPAIGN_CREATE));
        EXPECTED.put("GET /leads/whatsapp/analytics", Optional.of(Permission.ANALYTICS_VIEW));
        EXPECTED.put("GET /leads/whatsapp/templates", Optional.of(Permission.TEMPLATE_MANAGE));
        EXPECTED.put("POST /leads/whatsapp/templates", Optional.of(Permission.TEMPLATE_MANAGE));
        EXPECTED.put("GET /leads/whatsapp/templates/{id}", Optional.of(Permission.TEMPLATE_MANAGE));
        EXPECTED.put("PUT /leads/whatsapp/templates/{id}", Optional.of(Permission.TEMPLATE_MANAGE));
        EXPECTED.put("DELETE /leads/whatsapp/templates/{id}", Optional.of(Permission.TEMPLATE_MANAGE));
        EXPECTED.put("GET /leads/whatsapp/automation-rules", Optional.of(Permission.CAMPAIGN_VIEW));
        EXPECTED.put("POST /leads/whatsapp/automation-rules", Optional.of(Permission.CAMPAIGN_CREATE));
        EXPECTED.put("GET /leads/whatsapp/automation-rules/{id}", Optional.of(Permission.CAMPAIGN_VIEW));
        EXPECTED.put("PUT /leads/whatsapp/automation-rules/{id}", Optional.of(Permission.CAMPAIGN_CREATE));
        EXPECTED.put("DELETE /leads/whatsapp/automation-rules/{id}", Optional.of(Permission.CAMPAIGN_CREATE));
        EXPECTED.put("GET /leads/whatsapp", Optional.empty());
        EXPECTED.put("GET /leads/whatsapp/campaigns/{id}/recipients", Optional.of(Permission.CAMPAIGN_VIEW));
        EXPECTED.put("POST /leads/whatsapp/campaigns/{id}/recipients/{recipientId}/resolve",
                Optional.of(Permission.CAMPAIGN_EXECUTE));
        EXPECTED.put("GET /leads/whatsapp/campaigns/{id}/stream", Optional.of(Permission.CAMPAIGN_VIEW));
        EXPECTED.put("GET /leads/whatsapp/campaigns/{id}/lead-ids", Optional.of(Permission.CAMPAIGN_VIEW));
        EXPECTED.put("POST /leads/whatsapp/campaigns/target-csv", Optional.of(Permission.CAMPAIGN_CREATE));
        EXPECTED.put("POST /leads/whatsapp/campaigns/test-send", Optional.of(Permission.CAMPAIGN_CREATE));
        EXPECTED.put("POST /leads/whatsapp/bulk-send/check", Optional.of(Permission.BULK_SEND));
        EXPECTED.put("GET /leads/whatsapp/messages", Optional.of(Permission.CAMPAIGN_VIEW));
        EXPECTED.put("GET /leads/whatsapp/replies", Optional.of(Permission.CAMPAIGN_VIEW));
        EXPECTED.put("GET /leads/whatsapp/tracking", Optional.of(Permission.CAMPAIGN_VIEW));
        // The numbers a campaign may send from: whoever creates or views campaigns.
        EXPECTED.put("GET /leads/whatsapp/sender-numbers", Optional.of(Permission.CAMPAIGN_CREATE));
        EITHER.put("GET /leads/whatsapp/sender-numbers", EnumSet.of(Permission.CAMPAIGN_CREATE, Permission.CAMPAIGN_VIEW));
        // A lead's own WhatsApp history: either permission will do.
        EXPECTED.put("GET /leads/whatsapp/embed/bulk-send", Optional.of(Permission.BULK_SEND));
        for (String route : new String[] {"GET /leads/{lead}/whatsapp/messages", "GET /leads/{lead}/whatsapp/attachments",
                "GET /leads/whatsapp/attachments/{messageId}", "GET /leads/{lead}/whatsapp/tab"}) {
            EXPECTED.put(route, Optional.of(Permission.SEND));
            EITHER.put(route, EnumSet.of(Permission.SEND, Permission.CAMPAIGN_VIEW));
        }
        EXPECTED.put("POST /leads/whatsapp/automation-rules/dry-run", Optional.of(Permission.CAMPAIGN_CREATE));
        EXPECTED.put("GET /leads/whatsapp/templates/new", Optional.of(Permission.TEMPLATE_MANAGE));
        EXPECTED.put("GET /leads/whatsapp/templates/{id}/edit", Optional.of(Permission.TEMPLATE_MANAGE));
        EXPECTED.put("GET /leads/whatsapp/automation-rules/new", Optional.of(Permission.CAMPAIGN_CREATE));
        EXPECTED.put("GET /leads/whatsapp/automation-rules/{id}/edit", Optional.of(Permission.CAMPAIGN_VIEW));
        EXPECTED.put("GET /leads/whatsapp/webhook", Optional.empty());
        EXPECTED.put("POST /leads/whatsapp/webhook", Optional.empty());
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** "METHOD /pattern" of every route mapped by a LeadReach controller. */
    private TreeSet<String> mappedRoutes() {
        TreeSet<String> routes = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getPackageName().startsWith("io.leadreach.spring")) {
                continue;
            }
            RequestMappingInfo info = e.getKey();
            assertThat(info.getMethodsCondition().getMethods()).as("HTTP method of " + info).isNotEmpty();
            for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                    routes.add(method.name() + " " + pattern);
                }
            }
        }
        return routes;
    }

    @Test
    void everyMappedRouteHasADeclaredPermission() {
        assertThat(mappedRoutes()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @Test
    void everyRouteIsRefusedWithoutItsPermission() throws Exception {
        int before = transport.count();
        for (String route : mappedRoutes()) {
            Optional<Permission> needed = EXPECTED.get(route);
            if (needed == null || needed.isEmpty()) {
                continue;
            }
            EnumSet<Permission> opening = EITHER.getOrDefault(route, EnumSet.of(needed.get()));
            EnumSet<Permission> allOthers = EnumSet.complementOf(opening);
            int refused = mvc.perform(call(route).with(as(allOthers.toArray(Permission[]::new))))
                    .andReturn().getResponse().getStatus();
            assertThat(refused).as(route + " with every permission but " + opening).isEqualTo(403);

            int anonymous = mvc.perform(call(route).with(csrf())).andReturn().getResponse().getStatus();
            assertThat(anonymous).as(route + " without a user").isEqualTo(401);

            for (Permission p : opening) {
                int allowed = mvc.perform(call(route).with(as(p))).andReturn().getResponse().getStatus();
                assertThat(allowed).as(route + " with " + p).isNotIn(401, 403);
            }
        }
        assertThat(transport.count()).isEqualTo(before);
    }

    @Test
    void routesForAnySignedInUserAreRefusedToAnonymousCallers() throws Exception {
        for (String route : SIGNED_IN) {
            assertThat(EXPECTED).containsKey(route);
            assertThat(mvc.perform(call(route).with(csrf())).andReturn().getResponse().getStatus())
                    .as(route + " without a user").isEqualTo(401);
            assertThat(mvc.perform(call(route).with(as())).andReturn().getResponse().getStatus())
                    .as(route + " with no permission").isNotIn(401, 403);
        }
    }

    @Test
    void csrfIsRequiredOnTheApiButNotOnTheWebhook() throws Exception {
        int api = mvc.perform(request(HttpMethod.POST, "/leads/whatsapp/campaigns/999999/execute")
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .user("maria").authorities(new org.springframework.security.core.authority
                                        .SimpleGrantedAuthority(Permission.CAMPAIGN_EXECUTE.authority()))))
                .andReturn().getResponse().getStatus();
        assertThat(api).isEqualTo(403);
        int webhook = mvc.perform(request(HttpMethod.POST, "/leads/whatsapp/webhook").content("{}"))
                .andReturn().getResponse().getStatus();
        assertThat(webhook).isEqualTo(401); // refused by the signature check, not by CSRF
    }

    @Test
    void unmappedPathsUnderLeadReachAreNotFoundForAUserAndRefusedWithoutALogin() throws Exception {
        int status = mvc.perform(request(HttpMethod.GET, "/leads/whatsapp/secret")
                        .with(as(Permission.values()))).andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(404);
        int anonymous = mvc.perform(request(HttpMethod.GET, "/leads/whatsapp/secret"))
                .andReturn().getResponse().getStatus();
        assertThat(anonymous).isEqualTo(401);
    }

    /** A request for the route, with unknown ids so nothing existing is touched. */
    private static MockHttpServletRequestBuilder call(String route) {
        String[] parts = route.split(" ", 2);
        String path = parts[1].replaceAll("\\{[^}]+}", "999999");
        return request(HttpMethod.valueOf(parts[0]), path);
    }
}
