package dev.roster.roles;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.roster.store.Changes;
import dev.roster.store.Database.Dialect;
import org.jdbi.v3.core.Handle;

/** SQL for roles, the roles each user holds, and which roles each permission grants. */
public final class RoleStore {
    private final Dialect dialect;
    private final Changes changes;

    public RoleStore(Dialect dialect, Changes changes) {
        this.dialect = dialect;
        this.changes = changes;
    }

    public record Role(String name, String description, boolean isProtected) {}

    public record Permission(String id, List<String> roles, long updatedAt) {}

    public List<Role> roles(Handle h) {
        return h.createQuery("SELECT name, description, protected FROM roles ORDER BY name")
                .map((rs, ctx) -> new Role(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                .list();
    }

    public boolean roleExists(Handle h, String role) {
        return h.createQuery("SELECT 1 FROM roles WHERE name = :role").bind("role", role).mapTo(Integer.class).findOne().isPresent();
    }

    public List<String> rolesOf(Handle h, String userId) {
        return h.createQuery("SELECT role FROM user_roles WHERE user_id = :userId ORDER BY role")
                .bind("userId", userId).mapTo(String.class).list();
    }

    /** The roles of several users at once; users without roles map to an empty list. */
    public Map<String, List<String>> rolesOf(Handle h, Collection<String> userIds) {
        Map<String, List<String>> out = new HashMap<>();
        for (String id : userIds) out.put(id, new ArrayList<>());
        if (userIds.isEmpty()) return out;
        h.createQuery("SELECT user_id, role FROM user_roles WHERE user_id IN (<ids>) ORDER BY role")
                .bindList("ids", List.copyOf(userIds))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> out.get(e.getKey()).add(e.getValue()));
        return out;
    }

    /** Adds a role; true when the user did not have it. */
    boolean addUserRole(Handle h, String userId, String role) {
        changes.record(h, userId);
        return h.createUpdate("""
                INSERT INTO user_roles (user_id, role) VALUES (:userId, :role)
                ON CONFLICT DO NOTHING""")
                .bind("userId", userId).bind("role", role).execute() == 1;
    }

    /** Removes a role; true when the user had it. */
    boolean removeUserRole(Handle h, String userId, String role) {
        changes.record(h, userId);
        return h.createUpdate("DELETE FROM user_roles WHERE user_id = :userId AND role = :role")
                .bind("userId", userId).bind("role", role).execute() == 1;
    }

    /**
     * Serialises the transactions that may take the last admin away. SQLite already runs one write transaction at
     * a time; PostgreSQL locks the admin role's row until the transaction ends.
     */
    void lockAdminRole(Handle h) {
        if (dialect == Dialect.POSTGRES) {
            h.createQuery("SELECT name FROM roles WHERE name = 'admin' FOR UPDATE").mapTo(String.class).one();
        }
    }

    /** Active users holding the admin role, other than the given one. */
    int otherActiveAdmins(Handle h, String userId) {
        return h.createQuery("""
                SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id
                WHERE r.role = 'admin' AND u.active = TRUE AND u.id <> :userId""")
                .bind("userId", userId).mapTo(Integer.class).one();
    }

    /** Every permission the user's roles grant. */
    public List<String> permissionsOf(Handle h, String userId) {
        return h.createQuery("""
                SELECT DISTINCT pr.permission_id FROM user_roles ur JOIN permission_roles pr ON pr.role = ur.role
                WHERE ur.user_id = :userId""")
                .bind("userId", userId).mapTo(String.class).list();
    }

    public List<Permission> permissions(Handle h) {
        record Row(String id, long updatedAt, String role) {}
        Map<String, Permission> byId = new LinkedHashMap<>();
        h.createQuery("""
                SELECT p.id, p.updated_at, pr.role FROM permissions p
                LEFT JOIN permission_roles pr ON pr.permission_id = p.id
                ORDER BY p.id, pr.role""")
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getLong(2), rs.getString(3)))
                .forEach(row -> {
                    Permission p = byId.computeIfAbsent(row.id(), id -> new Permission(id, new ArrayList<>(), row.updatedAt()));
                    if (row.role() != null) p.roles().add(row.role());
                });
        return List.copyOf(byId.values());
    }

    boolean permissionExists(Handle h, String permission) {
        return h.createQuery("SELECT 1 FROM permissions WHERE id = :id").bind("id", permission).mapTo(Integer.class).findOne().isPresent();
    }

    void replacePermissionRoles(Handle h, String permission, Collection<String> roles, long now) {
        changes.record(h, null); // whoever holds these roles now has other permissions
        h.createUpdate("DELETE FROM permission_roles WHERE permission_id = :id").bind("id", permission).execute();
        for (String role : roles) {
            h.createUpdate("INSERT INTO permission_roles (permission_id, role) VALUES (:id, :role) ON CONFLICT DO NOTHING")
                    .bind("id", permission).bind("role", role).execute();
        }
        h.createUpdate("UPDATE permissions SET updated_at = :now WHERE id = :id").bind("id", permission).bind("now", now).execute();
    }
}
