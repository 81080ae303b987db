package dev.roster.api;

import static dev.roster.api.Route.Access.anyone;
import static dev.roster.api.Route.Access.loggedIn;
import static dev.roster.api.Route.Access.permission;

import dev.roster.auth.AuthHandlers;
import dev.roster.omnichannel.StaffHandlers;
import dev.roster.roles.RoleHandlers;
import dev.roster.users.UserHandlers;
import java.util.List;

/** The whole API: every endpoint under /api/v1/, who may call it, and its handler. */
public final class Routes {
    private Routes() {}

    public static List<Route> table(AuthHandlers auth, UserHandlers users, RoleHandlers roles, StaffHandlers staff) {
        return List.of(
                // §3 login and the current user
                post("login", anyone(), auth::login),
                post("logout", loggedIn(), auth::logout),
                get("me", loggedIn(), auth::me),

                // §4 users
                post("users.create", permission("create-user"), users::create),
                get("users.info", loggedIn(), users::info),
                get("users.list", permission("view-d-room"), users::list),
                post("users.update", permission("edit-other-user-info"), users::update),
                post("users.setActiveStatus", permission("edit-other-user-info"), users::setActiveStatus),
                post("users.setStatus", loggedIn(), users::setStatus),               // others: edit-other-user-info inside
                post("users.delete", permission("delete-user"), users::delete),

                // §5 roles and permissions
                get("permissions.listAll", loggedIn(), roles::listPermissions),
                post("permissions.update", permission("access-permissions"), roles::updatePermissions),
                get("roles.list", loggedIn(), roles::listRoles),
                post("roles.addUserToRole", permission("access-permissions"), roles::addUserToRole),
                post("roles.removeUserFromRole", permission("access-permissions"), roles::removeUserFromRole),

                // §2 omnichannel staff
                post("livechat/users/{type}", permission("view-livechat-manager"), staff::register),
                get("livechat/users/{type}", loggedIn(), staff::list),                // per-type permission inside
                get("livechat/users/{type}/{_id}", permission("view-livechat-manager"), staff::one),
                delete("livechat/users/{type}/{_id}", permission("view-livechat-manager"), staff::remove),
                post("livechat/agent.status", permission("view-l-room"), staff::agentStatus)); // others: manage-livechat-agents inside
    }

    private static Route get(String path, Route.Access access, Route.Handler handler) {
        return new Route("GET", path, access, handler);
    }

    private static Route post(String path, Route.Access access, Route.Handler handler) {
        return new Route("POST", path, access, handler);
    }

    private static Route delete(String path, Route.Access access, Route.Handler handler) {
        return new Route("DELETE", path, access, handler);
    }
}
