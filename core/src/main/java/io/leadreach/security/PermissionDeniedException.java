package io.leadreach.security;

import io.leadreach.LeadReachException;

/** The actor lacks the permission an operation needs. Nothing changed. */
public class PermissionDeniedException extends LeadReachException {

    private final transient Actor actor;
    private final Permission permission;

    public PermissionDeniedException(Actor actor, Permission permission) {
        super("actor '" + actor.id() + "' lacks permission " + permission.authority());
        this.actor = actor;
        this.permission = permission;
    }

    public Actor actor() {
        return actor;
    }

    public Permission permission() {
        return permission;
    }
}
