package io.leadreach.spring.internal;

import io.leadreach.security.Actor;
import io.leadreach.spring.ActorResolver;
import java.util.Objects;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The acting user of the current request, from the security context. */
public final class Actors {

    private final ActorResolver resolver;

    /** Actors resolved by {@code resolver}. */
    public Actors(ActorResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The current request's actor; refused when nobody is authenticated. */
    public Actor current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            throw new AuthenticationCredentialsNotFoundException("no authenticated user");
        }
        return resolver.resolve(authentication);
    }
}
