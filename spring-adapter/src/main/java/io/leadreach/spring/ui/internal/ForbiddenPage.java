package io.leadreach.spring.ui.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.ResponseEntity;

/**
 * The page a browser gets instead of the 403 problem when it opens a console page its user may not
 * see: which permission the page needs and the sections the user may open, in the console's layout.
 * The security chain's refusal handler writes it; API clients and htmx requests keep the problem.
 */
public final class ForbiddenPage {

    private final UiContexts contexts;
    private final ConsoleRenderer renderer;

    /** The page over the request contexts and the console's renderer. */
    public ForbiddenPage(UiContexts contexts, ConsoleRenderer renderer) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /**
     * Writes the page as a 403 answer.
     *
     * @param permissions the authorities the page needs (any one of them), when known
     */
    public void write(HttpServletRequest request, HttpServletResponse response, List<String> permissions)
            throws IOException {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ui", contexts.of(request, ""));
        params.put("permissions", List.copyOf(permissions));
        ResponseEntity<String> page = renderer.page("forbidden.jte", params);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        page.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Objects.requireNonNull(page.getBody()));
    }
}
