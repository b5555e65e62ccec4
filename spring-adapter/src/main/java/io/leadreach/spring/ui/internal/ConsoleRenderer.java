package io.leadreach.spring.ui.internal;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Renders the console's JTE templates, precompiled into {@code io.leadreach.spring.ui.jte} at build
 * time, with an engine of LeadReach's own: the host's view technology (Thymeleaf, JSP, its own JTE)
 * is never asked to resolve a LeadReach view. Every page carries a strict Content-Security-Policy:
 * scripts, styles, images and connections from this origin only, nothing inline.
 */
public final class ConsoleRenderer {

    /** The policy of every console page: no inline script or style, nothing from elsewhere. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    /** The package the jte-maven-plugin generates the templates into. */
    static final String PACKAGE = "io.leadreach.spring.ui.jte";

    private final TemplateEngine engine;

    /** A renderer over the precompiled templates on this class loader. */
    public ConsoleRenderer() {
        this.engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
                ConsoleRenderer.class.getClassLoader(), PACKAGE);
    }

    /** {@code template} (such as {@code campaigns/list.jte}) rendered with {@code params}, as a string. */
    public String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput(8192);
        engine.render(template, params, out);
        return out.toString();
    }

    /** A whole page or fragment as a 200 {@code text/html} answer with the console's headers. */
    public ResponseEntity<String> page(String template, Map<String, Object> params) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Vary", "Accept, HX-Request")
                .body(render(template, params));
    }
}
