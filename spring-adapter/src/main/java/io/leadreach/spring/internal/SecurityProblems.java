package io.leadreach.spring.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** The security chain's refusals as RFC 9457 problems: 401 without a user, 403 without the permission. */
public final class SecurityProblems {

    private SecurityProblems() {
    }

    /** 401 with a Basic challenge. */
    public static AuthenticationEntryPoint entryPoint() {
        return (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"LeadReach\"");
            write(response, 401, "unauthenticated", "Not authenticated", "authentication is required");
        };
    }

    /**
     * For the console: a browser opening a page without a session is sent to {@code loginPath}
     * (below the context path and a proxy's prefix); an htmx request of a page whose session has
     * expired gets 401 with {@code HX-Redirect} to it, so the page goes to the login rather than
     * failing silently; API clients get {@link #entryPoint()}'s problem.
     */
    public static AuthenticationEntryPoint entryPoint(String loginPath) {
        AuthenticationEntryPoint api = entryPoint();
        return (request, response, e) -> {
            String login = io.leadreach.spring.ui.internal.UiContext.basePath(request) + loginPath;
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", login);
                write(response, 401, "unauthenticated", "Not authenticated", "your session has ended; sign in again");
            } else if (wantsHtml(request)) {
                response.sendRedirect(login);
            } else {
                api.commence(request, response, e);
            }
        };
    }

    /** Whether the request names {@code text/html} among what it accepts (browsers do, API clients do not). */
    public static boolean wantsHtml(jakarta.servlet.http.HttpServletRequest request) {
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

    /** 403: the user lacks the route's permission (or the CSRF token is missing). */
    public static AccessDeniedHandler accessDeniedHandler() {
        return (request, response, e) -> write(response, 403, "permission-denied", "Permission denied",
                e instanceof org.springframework.security.web.csrf.CsrfException
                        ? "a valid CSRF token is required" : "this route needs a LeadReach permission you lack");
    }

    static void write(HttpServletResponse response, int status, String type, String title, String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // Constant texts only: nothing from the request is echoed, so no escaping is needed.
        response.getWriter().write("{\"type\":\"" + ProblemDetails.TYPE_BASE + type + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }
}
