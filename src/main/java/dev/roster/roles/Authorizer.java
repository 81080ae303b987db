package dev.roster.roles;

import org.jdbi.v3.core.Jdbi;

/**
 * Answers whether a user holds a permission through any of its roles. It reads the database on every call
 * (one indexed query), so a change made by any node holds on the very next request.
 */
public final class Authorizer {
    private final Jdbi jdbi;
    private final RoleStore store;

    public Authorizer(Jdbi jdbi, RoleStore store) {
        this.jdbi = jdbi;
        this.store = store;
    }

    public boolean has(String userId, String permission) {
        return jdbi.withHandle(h -> store.hasPermission(h, userId, permission));
    }
}
