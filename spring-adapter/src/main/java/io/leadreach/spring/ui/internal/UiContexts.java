package io.leadreach.spring.ui.internal;

import io.leadreach.spring.internal.Actors;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.security.web.csrf.CsrfToken;

/** Builds each request's {@link UiContext}: the acting user, the base path and the CSRF token. */
public final class UiContexts {

    private final Actors actors;
    private final String homePath;
    private final String loginPath;
    private final String version;

    /** Contexts for the users {@code actors} resolves, linking to the host's home and login pages. */
    public UiContexts(Actors actors, String homePath, String loginPath) {
        this.actors = Objects.requireNonNull(actors, "actors");
        this.homePath = homePath;
        this.loginPath = loginPath;
        String v = UiContexts.class.getPackage().getImplementationVersion();
        this.version = v == null ? "dev" : v;
    }

    /** The context of {@code request}, for a page of {@code section} (campaigns, analytics, ...). */
    public UiContext of(HttpServletRequest request, String section) {
        Object token = request.getAttribute(CsrfToken.class.getName());
        return new UiContext(UiContext.basePath(request), actors.current(),
                token instanceof CsrfToken t ? t : null, section, homePath, loginPath, version);
    }
}
