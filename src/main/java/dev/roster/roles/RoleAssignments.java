package dev.roster.roles;

import dev.roster.api.ApiError;
import dev.roster.audit.Actor;
import dev.roster.audit.AuditLog;
import dev.roster.users.User;
import org.jdbi.v3.core.Handle;

/**
 * The one way a user gains or loses a role, whatever the endpoint, so that the rules tied to a role hold
 * everywhere: an agent gets an omnichannel status when it becomes one and loses it when it stops being one,
 * the last active admin keeps its role, and every change is written to the audit log once it is committed.
 */
public final class RoleAssignments {
    public static final String ADMIN = "admin";
    public static final String AGENT = "livechat-agent";
    public static final String MANAGER = "livechat-manager";

    private final RoleStore store;
    private final AuditLog audit;

    public RoleAssignments(RoleStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    /** Grants a role (idempotent) inside a transaction; true when the user did not have it. */
    public boolean grant(Handle h, Actor actor, User user, String role) {
        String userId = user.id();
        boolean added = store.addUserRole(h, userId, role);
        if (added) h.afterCommit(() -> audit.roleGranted(actor, userId, user.username(), role));
        if (added && AGENT.equals(role)) {
            // A new agent is available while its presence is anything but offline.
            h.createUpdate("""
                    UPDATE users SET status_livechat =
                        CASE WHEN status <> 'offline' THEN 'available' ELSE 'not-available' END
                    WHERE id = :userId""")
                    .bind("userId", userId).execute();
        }
        return added;
    }

    /** Takes a role away (idempotent) inside a transaction; true when the user had it. */
    public boolean revoke(Handle h, Actor actor, User user, String role) {
        String userId = user.id();
        if (ADMIN.equals(role)) refuseIfLastAdmin(h, userId);
        boolean removed = store.removeUserRole(h, userId, role);
        if (removed) h.afterCommit(() -> audit.roleRevoked(actor, userId, user.username(), role));
        if (removed && AGENT.equals(role)) {
            h.createUpdate("UPDATE users SET status_livechat = NULL WHERE id = :userId").bind("userId", userId).execute();
        }
        return removed;
    }

    /** Refuses a change that would leave no active admin, when the user is one. */
    public void refuseIfLastAdmin(Handle h, String userId) {
        store.lockAdminRole(h);
        boolean isActiveAdmin = h.createQuery("""
                SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id
                WHERE r.user_id = :userId AND r.role = 'admin' AND u.active = TRUE""")
                .bind("userId", userId).mapTo(Integer.class).findOne().isPresent();
        if (isActiveAdmin && store.otherActiveAdmins(h, userId) == 0) {
            throw ApiError.code("error-action-not-allowed", "The last active admin cannot be removed");
        }
    }
}
