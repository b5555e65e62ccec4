package io.leadreach.spring.ui.internal;

import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * What every page template needs about the request it answers: the base path for links, the CSRF
 * token for forms and htmx, and who is looking (so that no action is shown that the user may not
 * take; the server refuses it anyway).
 */
public final class UiContext {

    /** The path the console's static files and WebJars are served under, below the base path. */
    public static final String ASSETS = "/leads/whatsapp/assets";

    /** A proxy prefix we follow: path segments of unreserved characters only. */
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    private final String basePath;
    private final Actor actor;
    private final CsrfToken csrf;
    private final String section;
    private final String homePath;
    private final String loginPath;
    private final String version;

    UiContext(String basePath, Actor actor, CsrfToken csrf, String section, String homePath, String loginPath,
              String version) {
        this.basePath = basePath;
        this.actor = Objects.requireNonNull(actor, "actor");
        this.csrf = csrf;
        this.section = section;
        this.homePath = homePath;
        this.loginPath = loginPath;
        this.version = version;
    }

    /**
     * The path in front of every link: the servlet context path, behind a proxy's valid
     * {@code X-Forwarded-Prefix} (when Spring's {@code ForwardedHeaderFilter} runs, it has folded the
     * prefix into the context path already and removed the header).
     */
    public static String basePath(HttpServletRequest request) {
        String context = request.getContextPath() == null ? "" : request.getContextPath();
        String prefix = request.getHeader("X-Forwarded-Prefix");
        if (prefix != null) {
            prefix = prefix.strip();
            while (prefix.endsWith("/")) {
                prefix = prefix.substring(0, prefix.length() - 1);
            }
            if (PREFIX.matcher(prefix).matches()) {
                return prefix + context;
            }
        }
        return context;
    }

    /** {@code path} (starting with '/') below the base path. */
    public String url(String path) {
        return basePath + path;
    }

    /** A console asset (our own stylesheet and scripts), with the library's version against stale caches. */
    public String asset(String name) {
        return basePath + ASSETS + "/" + name + "?v=" + version;
    }

    /** A file of a WebJar ({@code htmx.org/2.0.4/dist/htmx.min.js}). */
    public String lib(String path) {
        return basePath + ASSETS + "/lib/" + path;
    }

    /** The base path itself, for scripts that build URLs ({@code data-base} on the body). */
    public String base() {
        return basePath;
    }

    /** Whether the user holds {@code permission}. */
    public boolean can(Permission permission) {
        return actor.has(permission);
    }

    /** The user's name as the security context knows it. */
    public String user() {
        return actor.id();
    }

    /** The acting user. */
    public Actor actor() {
        return actor;
    }

    /** The CSRF token's value, or "" when CSRF protection is off. */
    public String csrfToken() {
        return csrf == null ? "" : csrf.getToken();
    }

    /** The header that carries the CSRF token on htmx and fetch requests. */
    public String csrfHeader() {
        return csrf == null ? "X-CSRF-TOKEN" : csrf.getHeaderName();
    }

    /** The form field that carries the CSRF token on plain form posts. */
    public String csrfParameter() {
        return csrf == null ? "_csrf" : csrf.getParameterName();
    }

    /** The host's home page. */
    public String home() {
        return basePath + homePath;
    }

    /** The host's login page. */
    public String login() {
        return basePath + loginPath;
    }

    /** The navigation: the console sections this user may open, the current one marked. */
    public List<NavItem> nav() {
        List<NavItem> items = new ArrayList<>();
        if (can(Permission.CAMPAIGN_VIEW)) {
            items.add(new NavItem("Campaigns", url("/leads/whatsapp/campaigns"), "campaigns".equals(section)));
        }
        if (can(Permission.ANALYTICS_VIEW)) {
            items.add(new NavItem("Analytics", url("/leads/whatsapp/analytics"), "analytics".equals(section)));
        }
        if (can(Permission.TEMPLATE_MANAGE)) {
            items.add(new NavItem("Templates", url("/leads/whatsapp/templates"), "templates".equals(section)));
        }
        if (can(Permission.CAMPAIGN_VIEW)) {
            items.add(new NavItem("Automation", url("/leads/whatsapp/automation-rules"), "automation".equals(section)));
        }
        return items;
    }

    /** One link of the navigation bar. */
    public record NavItem(String label, String href, boolean active) {
    }
}
