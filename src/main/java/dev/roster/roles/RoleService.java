package dev.roster.roles;

import dev.roster.store.Database;
import dev.roster.api.ApiError;
import dev.roster.audit.Actor;
import dev.roster.audit.AuditLog;
import dev.roster.users.User;
import dev.roster.users.UserStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Permission grants and role membership as the roles.* and permissions.* endpoints change them. */
public final class RoleService {
    private final Database db;
    private final RoleStore store;
    private final RoleAssignments assignments;
    private final UserStore users;
    private final AuditLog audit;
    private final Clock clock;

    public RoleService(Database db, RoleStore store, RoleAssignments assignments, UserStore users, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.store = store;
        this.assignments = assignments;
        this.users = users;
        this.clock = clock;
    }

    public List<RoleStore.Role> roles() {
        return db.withHandle(store::roles);
    }

    public List<RoleStore.Permission> permissions() {
        return db.withHandle(store::permissions);
    }

    /** Replaces the roles of each listed permission, all or nothing. */
    public List<RoleStore.Permission> updatePermissions(Map<String, List<String>> rolesByPermission, Actor actor) {
        long now = clock.millis();
        return db.inTransaction(h -> {
            h.afterCommit(() -> rolesByPermission.forEach((permission, roles) -> audit.permissionChanged(actor, permission, roles)));
            for (var e : rolesByPermission.entrySet()) {
                if (!store.permissionExists(h, e.getKey())) throw ApiError.typed("Invalid permission", "error-invalid-permission");
                for (String role : e.getValue()) {
                    if (!store.roleExists(h, role)) throw ApiError.typed("Invalid role", "error-invalid-role");
                }
            }
            rolesByPermission.forEach((permission, roles) -> store.replacePermissionRoles(h, permission, roles, now));
            return store.permissions(h);
        });
    }

    public RoleStore.Role addUserToRole(String role, String username, boolean mayAssignAdmin, Actor actor) {
        if (RoleAssignments.ADMIN.equals(role) && !mayAssignAdmin) {
            throw ApiError.adminRoleNotAllowed("authorization:addUserToRole", true);
        }
        return db.inTransaction(h -> {
            RoleStore.Role found = role(h, role);
            assignments.grant(h, actor, user(h, username), role);
            return found;
        });
    }

    public RoleStore.Role removeUserFromRole(String role, String username, Actor actor) {
        return db.inTransaction(h -> {
            RoleStore.Role found = role(h, role);
            if (!assignments.revoke(h, actor, user(h, username), role)) {
                throw ApiError.code("error-user-not-in-role", "User is not in this role");
            }
            return found;
        });
    }

    private RoleStore.Role role(org.jdbi.v3.core.Handle h, String role) {
        return store.roles(h).stream().filter(r -> r.name().equals(role)).findFirst()
                .orElseThrow(() -> ApiError.typed("Invalid role", "error-invalid-role"));
    }

    private User user(org.jdbi.v3.core.Handle h, String username) {
        return users.byUsername(h, username).orElseThrow(() -> ApiError.code("error-invalid-user"));
    }
}
