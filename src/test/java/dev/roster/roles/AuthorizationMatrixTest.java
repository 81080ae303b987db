package dev.roster.roles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.api.Route;
import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import dev.roster.testing.TestServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint × every default role, with the exact status each must get (issue 4), from the one table below.
 * Each caller but the bootstrap admin (admin and user) holds exactly one role, so a column shows what that role
 * alone allows. The table must name every
 * route of the route table, so no endpoint can be added without deciding who may call it.
 */
class AuthorizationMatrixTest extends ServerTest {
    /** The callers, in the order of each row's expectations. */
    private static final List<String> CALLERS = List.of(
            "admin", "livechat-manager", "livechat-monitor", "livechat-agent", "user", "anonymous");

    /** One request, built afresh for each caller: its own targets, so no call depends on another. */
    private record Request(String method, String path, Object body) {}

    /** One row: a route (method and path as in the route table), a variant name, a request, and what each caller gets. */
    private record Row(String method, String route, String variant, Function<Caller, Request> request, List<String> expected) {}

    /** A caller of the matrix: its session (anonymous has none) and its user id. */
    private record Caller(String role, Api session, String userId) {}

    private static final Map<String, Caller> callers = new LinkedHashMap<>();

    // "200" etc. are statuses; "403R" is the route-permission body, "403H" the handler's {"error":"unauthorized"}.
    private static final List<Row> TABLE = List.of(
            //                                                                              admin   manager monitor agent   user    anonymous
            row("POST", "login", "with the caller's credentials", c -> req("POST", "login", credentials(c)),
                    "200", "200", "200", "200", "200", "401"),
            row("POST", "logout", "", c -> req("POST", "logout", Map.of()),
                    "200", "200", "200", "200", "200", "401"),
            row("GET", "me", "", c -> req("GET", "me", null),
                    "200", "200", "200", "200", "200", "401"),
            row("POST", "users.create", "", c -> req("POST", "users.create", newUserBody()),
                    "200", "403R", "403R", "403R", "403R", "401"),
            row("GET", "users.info", "", c -> req("GET", "users.info?userId=" + admin.userId(), null),
                    "200", "200", "200", "200", "200", "401"),
            row("GET", "users.list", "", c -> req("GET", "users.list?count=1", null),
                    "200", "403R", "403R", "403R", "200", "401"),
            row("POST", "users.update", "another user", c -> req("POST", "users.update",
                    Map.of("userId", createUser().id(), "data", Map.of("name", "Renamed"))),
                    "200", "403R", "403R", "403R", "403R", "401"),
            row("POST", "users.setActiveStatus", "another user", c -> req("POST", "users.setActiveStatus",
                    Map.of("userId", createUser().id(), "activeStatus", false)),
                    "200", "403R", "403R", "403R", "403R", "401"),
            row("POST", "users.setStatus", "oneself", c -> req("POST", "users.setStatus", Map.of("status", "away")),
                    "200", "200", "200", "200", "200", "401"),
            row("POST", "users.setStatus", "another user", c -> req("POST", "users.setStatus",
                    Map.of("userId", createUser().id(), "status", "away")),
                    "200", "403H", "403H", "403H", "403H", "401"),
            row("POST", "users.delete", "another user", c -> req("POST", "users.delete", Map.of("userId", createUser().id())),
                    "200", "403R", "403R", "403R", "403R", "401"),
            row("GET", "permissions.listAll", "", c -> req("GET", "permissions.listAll", null),
                    "200", "200", "200", "200", "200", "401"),
            row("POST", "permissions.update", "unchanged grants", c -> req("POST", "permissions.update",
                    Map.of("permissions", List.of(Map.of("_id", "delete-user", "roles", List.of("admin"))))),
                    "200", "403R", "403R", "403R", "403R", "401"),
            row("GET", "roles.list", "", c -> req("GET", "roles.list", null),
                    "200", "200", "200", "200", "200", "401"),
            row("POST", "roles.addUserToRole", "another user", c -> req("POST", "roles.addUserToRole",
                    Map.of("roleName", "livechat-agent", "username", createUser().username())),
                    "200", "403R", "403R", "403R", "403R", "401"),
            row("POST", "roles.removeUserFromRole", "another user", c -> req("POST", "roles.removeUserFromRole",
                    Map.of("roleName", "livechat-agent", "username", createUser("user", "livechat-agent").username())),
                    "200", "403R", "403R", "403R", "403R", "401"),
            row("POST", "livechat/users/{type}", "agent", c -> req("POST", "livechat/users/agent",
                    Map.of("username", createUser().username())),
                    "200", "200", "200", "403R", "403R", "401"),
            row("POST", "livechat/users/{type}", "manager", c -> req("POST", "livechat/users/manager",
                    Map.of("username", createUser().username())),
                    "200", "200", "200", "403R", "403R", "401"),
            row("GET", "livechat/users/{type}", "agent", c -> req("GET", "livechat/users/agent?count=1", null),
                    "200", "200", "200", "200", "403H", "401"),
            row("GET", "livechat/users/{type}", "manager", c -> req("GET", "livechat/users/manager?count=1", null),
                    "200", "200", "200", "403H", "403H", "401"),
            row("GET", "livechat/users/{type}/{_id}", "agent", c -> req("GET", "livechat/users/agent/" + agentId(), null),
                    "200", "200", "200", "403R", "403R", "401"),
            row("DELETE", "livechat/users/{type}/{_id}", "agent", c -> req("DELETE", "livechat/users/agent/" + agentId(), null),
                    "200", "200", "200", "403R", "403R", "401"),
            row("DELETE", "livechat/users/{type}/{_id}", "manager", c -> req("DELETE",
                    "livechat/users/manager/" + createUser("user", "livechat-manager").id(), null),
                    "200", "200", "200", "403R", "403R", "401"),
            // Only the agent is an agent itself; the others have the route's permission but are not agents.
            row("POST", "livechat/agent.status", "oneself", c -> req("POST", "livechat/agent.status", Map.of()),
                    "404", "404", "404", "200", "403R", "401"),
            row("POST", "livechat/agent.status", "another agent", c -> req("POST", "livechat/agent.status",
                    Map.of("agentId", agentId())),
                    "200", "200", "200", "403H", "403R", "401"));

    private static Row row(String method, String route, String variant, Function<Caller, Request> request, String... expected) {
        return new Row(method, route, variant, request, List.of(expected));
    }

    private static Request req(String method, String path, Object body) {
        return new Request(method, path, body);
    }

    /** A role's own credentials; someone not logged in has no account, so theirs are refused. */
    private static Map<String, Object> credentials(Caller c) {
        if (c.session() == null) return Map.of("user", "no-account-here", "password", "guess");
        return Map.of("user", usernames.get(c.role()), "password", passwords.get(c.role()));
    }

    private static Map<String, Object> newUserBody() {
        String username = uniqueName("m");
        return Map.of("username", username, "email", username + "@example.com", "name", "Matrix User", "password", "pw");
    }

    private static String agentId() {
        TestUser agent = createUser("user", "livechat-agent");
        return agent.id();
    }

    private static final Map<String, String> usernames = new LinkedHashMap<>();
    private static final Map<String, String> passwords = new LinkedHashMap<>();

    @BeforeAll
    static void oneCallerPerRole() {
        for (String role : CALLERS) {
            if (role.equals("anonymous")) {
                callers.put(role, new Caller(role, null, null));
                continue;
            }
            TestUser u = role.equals("admin") ? null : createUser(role);
            String username = u == null ? TestServer.ADMIN_USERNAME : u.username();
            String password = u == null ? TestServer.ADMIN_PASSWORD : u.password();
            usernames.put(role, username);
            passwords.put(role, password);
            Api session = anonymous.login(username, password);
            callers.put(role, new Caller(role, session, session.userId()));
        }
    }

    @Test
    void the_table_names_every_route_of_the_route_table() {
        Set<String> routes = server.app().routes().stream().map(r -> r.method() + " " + r.path())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> rows = TABLE.stream().map(r -> r.method() + " " + r.route()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(rows).isEqualTo(routes);
        for (Row r : TABLE) assertThat(r.expected()).as("%s %s", r.method(), r.route()).hasSize(CALLERS.size());
    }

    @Test
    void every_role_gets_exactly_the_status_the_table_gives() {
        List<String> mismatches = new ArrayList<>();
        for (Row row : TABLE) {
            for (int i = 0; i < CALLERS.size(); i++) {
                Caller caller = callers.get(CALLERS.get(i));
                // logout ends the session it is sent with, so it gets a session of its own.
                Api session = caller.session() == null ? anonymous
                        : row.route().equals("logout") ? anonymous.login(usernames.get(caller.role()), passwords.get(caller.role()))
                        : caller.session();
                Request req = row.request().apply(caller);
                Api.Res res = session.send(req.method(), req.path(), req.body() == null ? null : Api.write(req.body()),
                        req.body() == null ? null : "application/json");
                String got = res.status() + (res.status() != 403 ? ""
                        : res.json().get("error").asText().equals("unauthorized") ? "H" : "R");
                String want = row.expected().get(i);
                if (!got.equals(want)) {
                    mismatches.add(row.method() + " " + row.route() + " (" + row.variant() + ") as " + caller.role()
                            + ": want " + want + ", got " + got + " " + res.text());
                }
                assertThat(res.json()).as("JSON body of %s %s", req.method(), req.path()).isNotNull();
                assertThat(res.json().get("success").asBoolean()).isEqualTo(res.status() == 200);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void heads_of_get_routes_answer_like_the_get() {
        for (Route route : server.app().routes()) {
            if (!route.method().equals("GET")) continue;
            String path = route.path().replace("{type}", "agent").replace("{_id}", "nobody");
            assertThat(anonymous.send("HEAD", path, null, null).status()).as("HEAD %s", path).isEqualTo(401);
            assertThat(admin.send("HEAD", path, null, null).status()).as("HEAD %s", path)
                    .isEqualTo(admin.get(path).status());
        }
    }

    @Test
    void nobody_changes_their_own_roles_without_the_permission() {
        for (String role : List.of("livechat-manager", "livechat-monitor", "livechat-agent", "user")) {
            Caller caller = callers.get(role);
            Api me = caller.session();
            String username = usernames.get(role);
            List<Api.Res> attempts = List.of(
                    me.post("roles.addUserToRole", Map.of("roleName", "admin", "username", username)),
                    me.post("roles.addUserToRole", Map.of("roleName", "livechat-manager", "username", username)),
                    me.post("roles.removeUserFromRole", Map.of("roleName", role, "username", username)),
                    me.post("users.update", Map.of("userId", caller.userId(), "data", Map.of("roles", List.of("admin")))),
                    me.post("permissions.update", Map.of("permissions",
                            List.of(Map.of("_id", "access-permissions", "roles", List.of("admin", role))))));
            for (Api.Res res : attempts) assertThat(res.status()).as("%s: %s", role, res).isEqualTo(403);
            assertThat(rolesOf(me)).as(role).containsExactly(role);
        }
    }

    @Test
    void edit_other_user_info_without_assign_admin_role_cannot_take_admin_from_an_admin() {
        TestUser secondAdmin = createUser("user", "admin");
        Api manager = callers.get("livechat-manager").session();
        setPermission("edit-other-user-info", List.of("admin", "livechat-manager"));
        try {
            Api.Res res = manager.post("users.update", Map.of("userId", secondAdmin.id(), "data", Map.of("roles", List.of("user"))));
            assertExactly(res, 400, """
                    {"success":false,"error":"Removing admin is not allowed [error-action-not-allowed]",
                     "errorType":"error-action-not-allowed","details":{"method":"insertOrUpdateUser","action":"Remove_admin"}}""");
            Api.Res grant = manager.post("users.update", Map.of("userId", createUser().id(), "data", Map.of("roles", List.of("user", "admin"))));
            assertThat(grant.status()).isEqualTo(400);
            assertThat(grant.json().get("errorType").asText()).isEqualTo("error-action-not-allowed");
            assertThat(rolesOf(anonymous.login(secondAdmin.username(), secondAdmin.password()))).contains("admin");
        } finally {
            setPermission("edit-other-user-info", List.of("admin"));
            admin.post("users.delete", Map.of("userId", secondAdmin.id()));
        }
    }

    private static void setPermission(String permission, List<String> roles) {
        assertThat(admin.post("permissions.update", Map.of("permissions", List.of(Map.of("_id", permission, "roles", roles))))
                .status()).isEqualTo(200);
    }

    private static Set<String> rolesOf(Api session) {
        Set<String> roles = new LinkedHashSet<>();
        session.get("me").json().get("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }
}
