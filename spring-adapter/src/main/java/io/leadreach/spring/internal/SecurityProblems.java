package io.leadreach.spring.internal;

import io.leadreach.spring.ui.internal.ForbiddenPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The security chain's refusals as RFC 9457 problems with the members the API's other problems
 * have ({@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}): 401 without
 * a user or with wrong credentials, 403 without the permission or the CSRF token. A browser opening
 * a console page without its permission gets a page instead ({@link ForbiddenPage}).
 */
public final class SecurityProblems {

    private SecurityProblems() {
    }

    /** 401 with a Basic challenge: no user, or credentials that did not authenticate. */
    public static AuthenticationEntryPoint entryPoint() {
        return (request, response, e) -> unauthenticated(request, response);
    }

    /**
     * For the console: a browser opening a page without a session is sent to {@code loginPath}
     * (below the context path and a proxy's prefix); an htmx request of a page whose session has
     * expired gets 401 with {@code HX-Redirect} to it, so the page goes to the login rather than
     * failing silently; API clients get {@link #entryPoint()}'s problem.
     */
    public static AuthenticationEntryPoint entryPoint(String loginPath) {
        return (request, response, e) -> {
            String login = io.leadreach.spring.ui.internal.UiContext.basePath(request) + loginPath;
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", login);
                write(request, response, 401, "unauthenticated", "Not authenticated",
                        "your session has ended; sign in again");
            } else if (wantsHtml(request)) {
                response.sendRedirect(login);
            } else {
                unauthenticated(request, response);
            }
        };
    }

    /** Whether the request names {@code text/html} among what it accepts (browsers do, API clients do not). */
    public static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(m -> m.getQualityValue() > 0 && MediaType.TEXT_HTML.equalsTypeAndSubtype(m));
        } catch (org.springframework.http.InvalidMediaTypeException ex) {
            return false;
        }
    }

    /**
     * 403: the user lacks the route's permission, or the CSRF token is missing. A request without
     * any user that fails the CSRF check is answered 401, as if it had reached the permission
     * check: what it lacks first is a login, not a token.
     */
    public static AccessDeniedHandler accessDeniedHandler() {
        return accessDeniedHandler(() -> null);
    }

    /**
     * As {@link #accessDeniedHandler()}, but a browser opening a page it may not see (a GET asking
     * for {@code text/html}, not from htmx) gets {@code pages}' page saying which permission it
     * needs, when the console is on ({@code pages} gives null when it is off).
     */
    public static AccessDeniedHandler accessDeniedHandler(Supplier<ForbiddenPage> pages) {
        return (request, response, e) -> {
            ForbiddenPage page = e instanceof CsrfException ? null : pages.get();
            if (page != null && !response.isCommitted() && HttpMethod.GET.matches(request.getMethod())
                    && request.getHeader("HX-Request") == null && wantsHtml(request)) {
                page.write(request, response, requiredAuthorities(e));
                return;
            }
            if (e instanceof CsrfException) {
                Authentication user = SecurityContextHolder.getContext().getAuthentication();
                if ((user == null || user instanceof AnonymousAuthenticationToken || !user.isAuthenticated())
                        && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
                    unauthenticated(request, response);
                    return;
                }
                write(request, response, 403, "csrf-token-required", "CSRF token required",
                        "a valid CSRF token is required");
                return;
            }
            write(request, response, 403, "permission-denied", "Permission denied",
                    "this route needs a LeadReach permission you lack");
        };
    }

    /** The authorities the refused route asks for (any one of them), when the refusal names them. */
    private static List<String> requiredAuthorities(Exception e) {
        if (e instanceof AuthorizationDeniedException denied
                && denied.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision) {
            return decision.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList();
        }
        return List.of();
    }

    private static void unauthenticated(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!response.isCommitted()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"LeadReach\"");
        }
        write(request, response, 401, "unauthenticated", "Not authenticated", "authentication is required");
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, int status, String type,
                              String title, String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // Constant texts, and the request path escaped as a JSON string.
        response.getWriter().write("{\"type\":\"" + ProblemDetails.TYPE_BASE + type + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"instance\":\""
                + json(request.getRequestURI()) + "\"}");
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder(s == null ? 0 : s.length());
        if (s == null) {
            return "";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
