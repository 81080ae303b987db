package dev.roster.roles;

import dev.roster.store.Changes;
import dev.roster.store.UserCache;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Answers which roles a user holds and whether they grant a permission. What it read is cached per user and kept
 * true by {@link Changes} (a role change drops that user, a change of grants drops everyone), so a change made by
 * any node holds on the very next request.
 */
public final class Authorizer {
    /** A user's roles and every permission they grant. */
    private record Grants(String userId, List<String> roles, Set<String> permissions) {}

    private final Jdbi jdbi;
    private final RoleStore store;
    private final UserCache<String, Grants> grants;

    public Authorizer(Jdbi jdbi, RoleStore store, Changes changes) {
        this.jdbi = jdbi;
        this.store = store;
        this.grants = new UserCache<>(changes, Grants::userId, 20_000);
    }

    public boolean has(String userId, String permission) {
        return grantsOf(userId).permissions().contains(permission);
    }

    /** The user's roles, sorted by name. */
    public List<String> rolesOf(String userId) {
        return grantsOf(userId).roles();
    }

    private Grants grantsOf(String userId) {
        return grants.get(userId, id -> jdbi.withHandle(h ->
                new Grants(id, List.copyOf(store.rolesOf(h, id)), Set.copyOf(store.permissionsOf(h, id)))));
    }
}
