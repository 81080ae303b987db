package dev.roster.roles;

import dev.roster.api.ApiError;
import org.jdbi.v3.core.Handle;

/**
 * The one way a user gains or loses a role, whatever the endpoint, so that the rules tied to a role hold
 * everywhere: an agent gets an omnichannel status when it becomes one and loses it when it stops being one,
 * and the last active admin keeps its role.
 */
public final class RoleAssignments {
    public static final String ADMIN = "admin";
    public static final String AGENT = "livechat-agent";
    public static final String MANAGER = "livechat-manager";

    private final RoleStore store;

    public RoleAssignments(RoleStore store) {
        this.store = store;
    }

    /** Grants a role (idempotent); true when the user did not have it. */
    public boolean grant(Handle h, String userId, String role) {
        boolean added = store.addUserRole(h, userId, role);
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

    /** Takes a role away (idempotent); true when the user had it. */
    public boolean revoke(Handle h, String userId, String role) {
        if (ADMIN.equals(role)) refuseIfLastAdmin(h, userId);
        boolean removed = store.removeUserRole(h, userId, role);
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
