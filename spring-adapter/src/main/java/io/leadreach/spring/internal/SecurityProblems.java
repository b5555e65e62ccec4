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

    /** 403: the user lacks the route's permission (or the CSRF token is missing). */
    public static AccessDeniedHandler accessDeniedHandler() {
        return (request, response, e) -> write(response, 403, "permission-denied", "Permission denied",
                e instanceof org.springframework.security.web.csrf.CsrfException
                        ? "a valid CSRF token is required" : "this route needs a LeadReach permission you lack");
    }

    private static void write(HttpServletResponse response, int status, String type, String title, String detail)
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
