package io.leadreach.spring.ui.internal;

import io.leadreach.spring.internal.Routes;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /leads/whatsapp}: the first console section the user may open, or a page saying there is none. */
@RestController
public class ConsoleHome {

    private final UiContexts contexts;
    private final ConsoleRenderer renderer;

    /** The entry over the request contexts. */
    public ConsoleHome(UiContexts contexts, ConsoleRenderer renderer) {
        this.contexts = contexts;
        this.renderer = renderer;
    }

    /** Redirects to the first section, or explains that this user holds no console permission. */
    @GetMapping(Routes.CONSOLE)
    public ResponseEntity<String> home(HttpServletRequest request) {
        UiContext ui = contexts.of(request, "");
        List<UiContext.NavItem> nav = ui.nav();
        if (!nav.isEmpty()) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(nav.get(0).href())).build();
        }
        return renderer.page("home.jte", Map.of("ui", ui));
    }
}
