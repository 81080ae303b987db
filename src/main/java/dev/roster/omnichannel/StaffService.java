package dev.roster.omnichannel;

import dev.roster.store.Database;
import dev.roster.api.ApiError;
import dev.roster.api.Page;
import dev.roster.audit.Actor;
import dev.roster.roles.RoleAssignments;
import dev.roster.roles.RoleStore;
import dev.roster.users.User;
import dev.roster.users.UserStore;
import java.time.Clock;
import java.util.Optional;

/** Registering, listing, reading and removing omnichannel agents and managers, and agent availability. */
public final class StaffService {
    public static final String AVAILABLE = "available";
    public static final String NOT_AVAILABLE = "not-available";

    private final Database db;
    private final UserStore users;
    private final RoleStore roles;
    private final RoleAssignments assignments;
    private final StaffDirectory directory;
    private final Clock clock;

    public StaffService(Database db, UserStore users, RoleStore roles, RoleAssignments assignments,
                        StaffDirectory directory, Clock clock) {
        this.db = db;
        this.directory = directory;
        this.users = users;
        this.roles = roles;
        this.assignments = assignments;
        this.clock = clock;
    }

    /** Gives the user (by exact username) the type's role; registering twice changes nothing. */
    public User register(StaffType type, String username, Actor actor) {
        return db.inTransaction(h -> {
            User user = users.byUsername(h, username).orElseThrow(() -> ApiError.code("error-invalid-user"));
            assignments.grant(h, actor, user, type.role);
            return user;
        });
    }

    /** One page of the type's staff, from the in-memory directory. */
    public StaffDirectory.Listed list(StaffType type, UserStore.Filter filter, Page page) {
        return directory.search(type, filter, page);
    }

    /** The user when it holds the type's role. */
    public Optional<User> one(StaffType type, String userId) {
        return db.withHandle(h -> users.byId(h, userId).filter(u -> roles.rolesOf(h, u.id()).contains(type.role)));
    }

    /** Takes the type's role away; fine when the user did not have it. */
    public void remove(StaffType type, String userId, Actor actor) {
        db.useTransaction(h -> {
            User user = users.byId(h, userId).orElseThrow(() -> ApiError.code("error-invalid-user"));
            assignments.revoke(h, actor, user, type.role);
        });
    }

    /** Sets an agent's availability, or toggles it when {@code status} is null; returns the new one. */
    public String setAgentStatus(String agentId, String status) {
        long now = clock.millis();
        return db.inTransaction(h -> {
            User agent = users.byId(h, agentId)
                    .filter(u -> roles.rolesOf(h, u.id()).contains(RoleAssignments.AGENT))
                    .orElseThrow(() -> ApiError.plain(404, "Agent not found"));
            if (!agent.active()) throw ApiError.code("error-user-deactivated");
            String next = status != null ? status : AVAILABLE.equals(agent.statusLivechat()) ? NOT_AVAILABLE : AVAILABLE;
            users.setStatusLivechat(h, agentId, next, now);
            return next;
        });
    }
}
