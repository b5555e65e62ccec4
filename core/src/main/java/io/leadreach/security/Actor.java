package io.leadreach.security;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who performs an operation: a CRM user with their permissions, or the system itself (scheduled
 * campaigns, automation). Recorded as {@code sent-by} on every message.
 *
 * @param id          a stable id of the user in the host CRM
 * @param permissions what they may do
 */
public record Actor(String id, Set<Permission> permissions) {

    private static final Actor SYSTEM = new Actor("system", EnumSet.allOf(Permission.class));

    public Actor {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("actor id must not be blank");
        }
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    /** An actor with the given permissions. */
    public static Actor of(String id, Permission... permissions) {
        return new Actor(id, Set.of(permissions));
    }

    /** The library itself, with every permission: scheduled starts, automation, retries. */
    public static Actor system() {
        return SYSTEM;
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }

    /**
     * Throws {@link PermissionDeniedException} (naming the first) unless the actor has at least one
     * of the permissions.
     */
    public void requireAny(Permission first, Permission... others) {
        if (has(first)) {
            return;
        }
        for (Permission p : others) {
            if (has(p)) {
                return;
            }
        }
        throw new PermissionDeniedException(this, first);
    }

    /** Throws {@link PermissionDeniedException} unless the actor has the permission. */
    public void require(Permission permission) {
        if (!has(permission)) {
            throw new PermissionDeniedException(this, permission);
        }
    }
}
