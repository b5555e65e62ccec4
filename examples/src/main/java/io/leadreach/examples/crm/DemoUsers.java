package io.leadreach.examples.crm;

import io.leadreach.security.Permission;
import java.util.List;
import java.util.Set;

/** The demo users and their passwords (demo data only, printed at start). */
public record DemoUsers(List<DemoUser> users) {

    /** One demo user. */
    public record DemoUser(String name, String password, Set<Permission> permissions) {
    }

    /** The user with this name. */
    public DemoUser get(String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo user " + name));
    }
}
