package io.leadreach.examples.crm.pages;

import io.leadreach.security.Permission;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The navigation bar of every CRM page (the {@code navbar} fragment of {@code templates/crm/layout.html}):
 * Leads and Customers, then the LeadReach console pages the signed-in user may see, by the
 * authority each needs, the user's name and Sign out.
 */
@ControllerAdvice(basePackageClasses = Navigation.class)
public class Navigation {

    /** A console page of LeadReach and the authority that shows its link. */
    private record ConsolePage(String key, String label, String path, Permission permission) {
    }

    private static final List<ConsolePage> CONSOLE = List.of(
            new ConsolePage("campaigns", "Campaigns", "/leads/whatsapp/campaigns", Permission.CAMPAIGN_VIEW),
            new ConsolePage("analytics", "Analytics", "/leads/whatsapp/analytics", Permission.ANALYTICS_VIEW),
            new ConsolePage("templates", "Templates", "/leads/whatsapp/templates", Permission.TEMPLATE_MANAGE),
            new ConsolePage("automation", "Automation", "/leads/whatsapp/automation-rules", Permission.CAMPAIGN_VIEW));

    /** The advice of the CRM's page controllers. */
    public Navigation() {
    }

    /** One link of the bar; {@code key} names it for tests and styles. */
    public record Link(String key, String label, String href, boolean active) {
    }

    /**
     * The bar of a signed-in user.
     *
     * @param user        the user's name
     * @param crm         the CRM's own pages
     * @param console     the LeadReach console pages this user may see (maybe none)
     * @param authorities the user's granted authorities
     */
    public record Nav(String user, List<Link> crm, List<Link> console, Set<String> authorities) {

        /** The user's initial, for the avatar. */
        public String initial() {
            return user.isEmpty() ? "?" : user.substring(0, 1).toUpperCase(Locale.ROOT);
        }

        /** Whether the user has this authority, such as {@code lead-whatsapp-bulk-send}. */
        public boolean can(String authority) {
            return authorities.contains(authority);
        }

        /** Whether the user has any LeadReach permission, so that its pieces belong on the pages. */
        public boolean whatsApp() {
            return authorities.stream().anyMatch(a -> a.startsWith("lead-whatsapp-"));
        }
    }

    /** The bar of the signed-in user, or null on a page without one (the sign-in page). */
    @ModelAttribute("nav")
    public Nav nav(Authentication authentication, HttpServletRequest request) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Set<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toUnmodifiableSet());
        List<Link> crm = List.of(link("leads", "Leads", "/crm/leads", path),
                link("customers", "Customers", "/crm/customers", path));
        List<Link> console = new ArrayList<>();
        for (ConsolePage page : CONSOLE) {
            if (authorities.contains(page.permission().authority())) {
                console.add(link(page.key(), page.label(), page.path(), path));
            }
        }
        return new Nav(authentication.getName(), crm, List.copyOf(console), authorities);
    }

    private static Link link(String key, String label, String href, String path) {
        return new Link(key, label, href, path.equals(href) || path.startsWith(href + "/"));
    }
}
