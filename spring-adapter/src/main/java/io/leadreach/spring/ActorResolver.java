package io.leadreach.spring;

import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Turns the authenticated principal of a request into the {@link Actor} the core checks. The
 * default takes the principal's name as the actor id and grants each {@link Permission} whose
 * {@link Permission#authority() authority name} (such as {@code lead-whatsapp-send}) is among the
 * granted authorities. Define a bean of this type to map roles or claims differently.
 */
@FunctionalInterface
public interface ActorResolver {

    /** The actor of an authenticated request. */
    Actor resolve(Authentication authentication);

    /** The default mapping: name as id, authorities by their names. */
    static ActorResolver byAuthorityNames() {
        return authentication -> {
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            for (GrantedAuthority authority : authentication.getAuthorities()) {
                String name = authority.getAuthority();
                if (name != null) {
                    Permission.ofAuthority(name).ifPresent(permissions::add);
                }
            }
            return new Actor(authentication.getName(), permissions);
        };
    }
}
