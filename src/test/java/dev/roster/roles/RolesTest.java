package dev.roster.roles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import dev.roster.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET roles.list, POST roles.addUserToRole and roles.removeUserFromRole (contract §5). Tests that make a second
 * admin take it away again, so the server's own admin is the only admin between tests.
 */
class RolesTest extends ServerTest {

    private static Api.Res add(Api as, String role, String username) {
        return as.post("roles.addUserToRole", Map.of("roleName", role, "username", username));
    }

    private static Api.Res remove(Api as, String role, String username) {
        return as.post("roles.removeUserFromRole", Map.of("roleName", role, "username", username));
    }

    private static List<String> rolesOf(Api session) {
        Api.Res me = session.get("me");
        assertThat(me.status()).as("%s", me).isEqualTo(200);
        List<String> roles = new ArrayList<>();
        me.json().get("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    private static List<String> listedIds(String type, String username) {
        Api.Res res = admin.get("livechat/users/" + type, Map.of("text", username, "count", "0"));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        res.json().get("users").forEach(u -> ids.add(u.get("_id").asText()));
        return ids;
    }

    private static void assertErrorType(Api.Res res, int status, String errorType) {
        assertThat(res.status()).as("status of %s", res).isEqualTo(status);
        assertThat(res.json().get("success").asBoolean()).as("success of %s", res).isFalse();
        assertThat(res.json().path("errorType").asText()).as("errorType of %s", res).isEqualTo(errorType);
    }

    private static void setPermission(String permission, List<String> roles) {
        Api.Res res = admin.post("permissions.update",
                Map.of("permissions", List.of(Map.of("_id", permission, "roles", roles))));
        assertThat(res.status()).as("permissions.update %s: %s", permission, res).isEqualTo(200);
    }

    @Test
    void roles_list_contains_the_seven_roles_of_the_contract() {
        Api.Res res = loginAs(createUser()).get("roles.list");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().get("success").asBoolean()).isTrue();
        List<String> names = new ArrayList<>();
        for (JsonNode r : res.json().get("roles")) names.add(r.get("name").asText());
        assertThat(names).contains("admin", "user", "bot", "guest", "livechat-agent", "livechat-manager", "livechat-monitor");
    }

    @Test
    void add_user_to_role_by_role_name_grants_the_role() {
        TestUser u = createUser();
        Api.Res res = add(admin, "livechat-monitor", u.username());
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().get("success").asBoolean()).isTrue();
        assertThat(rolesOf(loginAs(u))).containsExactlyInAnyOrder("user", "livechat-monitor");
    }

    @Test
    void add_user_to_role_by_role_id_grants_the_role() {
        TestUser u = createUser();
        Api.Res res = admin.post("roles.addUserToRole", Map.of("roleId", "livechat-monitor", "username", u.username()));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(rolesOf(loginAs(u))).containsExactlyInAnyOrder("user", "livechat-monitor");
    }

    @Test
    void adding_livechat_manager_lists_the_user_as_manager_and_empowers_its_session_at_once() {
        TestUser u = createUser();
        Api session = loginAs(u);
        assertExactly(session.get("livechat/users/manager"), 403, FORBIDDEN);
        assertThat(add(admin, "livechat-manager", u.username()).status()).isEqualTo(200);
        assertThat(listedIds("manager", u.username())).containsExactly(u.id());
        assertThat(session.get("livechat/users/manager").status()).isEqualTo(200);
    }

    @Test
    void removing_livechat_manager_unlists_the_user_and_takes_the_permission_away_at_once() {
        TestUser u = createUser("user", "livechat-manager");
        Api session = loginAs(u);
        assertThat(session.get("livechat/users/manager").status()).isEqualTo(200);
        assertThat(remove(admin, "livechat-manager", u.username()).status()).isEqualTo(200);
        assertThat(listedIds("manager", u.username())).isEmpty();
        assertExactly(session.get("livechat/users/manager"), 403, FORBIDDEN);
        assertExactly(session.post("livechat/users/agent", Map.of("username", u.username())), 403, FORBIDDEN_ROUTE);
    }

    @Test
    void adding_livechat_agent_lists_the_user_as_an_agent_with_a_livechat_status() {
        TestUser offline = createUser();
        TestUser online = createUser();
        assertThat(admin.post("users.setStatus", Map.of("userId", online.id(), "status", "online")).status()).isEqualTo(200);
        assertThat(add(admin, "livechat-agent", offline.username()).status()).isEqualTo(200);
        assertThat(add(admin, "livechat-agent", online.username()).status()).isEqualTo(200);
        assertThat(listedIds("agent", offline.username())).containsExactly(offline.id());
        assertThat(admin.get("livechat/users/agent/" + offline.id()).json().at("/user/statusLivechat").asText()).isEqualTo("not-available");
        assertThat(admin.get("livechat/users/agent/" + online.id()).json().at("/user/statusLivechat").asText()).isEqualTo("available");
    }

    @Test
    void removing_livechat_agent_unlists_the_agent() {
        TestUser agent = createAgent("online");
        assertThat(remove(admin, "livechat-agent", agent.username()).status()).isEqualTo(200);
        assertThat(listedIds("agent", agent.username())).isEmpty();
        assertExactly(admin.get("livechat/users/agent/" + agent.id()), 200, "{\"user\":null,\"success\":true}");
    }

    @Test
    void an_unknown_role_is_400_invalid_role() {
        TestUser u = createUser();
        assertErrorType(add(admin, "no-such-role", u.username()), 400, "error-invalid-role");
        assertErrorType(admin.post("roles.addUserToRole", Map.of("roleId", "no-such-role", "username", u.username())),
                400, "error-invalid-role");
        assertErrorType(remove(admin, "no-such-role", u.username()), 400, "error-invalid-role");
        assertThat(rolesOf(loginAs(u))).containsExactly("user");
    }

    @Test
    void an_unknown_username_is_400_invalid_user() {
        assertErrorType(add(admin, "livechat-agent", "nobody-here"), 400, "error-invalid-user");
        assertErrorType(remove(admin, "livechat-agent", "nobody-here"), 400, "error-invalid-user");
    }

    @Test
    void a_livechat_manager_cannot_make_itself_admin() {
        TestUser m = createUser("user", "livechat-manager");
        Api session = loginAs(m);
        assertExactly(add(session, "admin", m.username()), 403, FORBIDDEN_ROUTE);
        assertThat(rolesOf(session)).doesNotContain("admin");
    }

    @Test
    void roles_need_access_permissions_to_change() {
        TestUser agent = createAgent("online");
        Api plain = loginAs(createUser());
        assertExactly(remove(plain, "livechat-agent", agent.username()), 403, FORBIDDEN_ROUTE);
        assertExactly(add(plain, "livechat-manager", agent.username()), 403, FORBIDDEN_ROUTE);
        assertThat(listedIds("agent", agent.username())).containsExactly(agent.id());
        assertThat(listedIds("manager", agent.username())).isEmpty();
    }

    @Test
    void the_last_admin_cannot_lose_the_admin_role() {
        assertErrorType(remove(admin, "admin", TestServer.ADMIN_USERNAME), 400, "error-action-not-allowed");
        assertThat(rolesOf(admin)).contains("admin");
    }

    @Test
    void with_a_second_admin_the_first_admin_can_lose_the_admin_role() {
        TestUser second = createUser("user", "admin");
        Api secondSession = loginAs(second);
        try {
            assertThat(remove(admin, "admin", TestServer.ADMIN_USERNAME).status()).isEqualTo(200);
            assertThat(rolesOf(admin)).doesNotContain("admin");
            assertErrorType(remove(secondSession, "admin", second.username()), 400, "error-action-not-allowed");
        } finally {
            add(secondSession, "admin", TestServer.ADMIN_USERNAME);
            remove(admin, "admin", second.username());
        }
        assertThat(rolesOf(admin)).contains("admin");
    }

    @Test
    void a_deactivated_second_admin_does_not_count() {
        TestUser second = createUser("user", "admin");
        try {
            assertThat(admin.post("users.setActiveStatus", Map.of("userId", second.id(), "activeStatus", false)).status())
                    .isEqualTo(200);
            assertErrorType(remove(admin, "admin", TestServer.ADMIN_USERNAME), 400, "error-action-not-allowed");
            assertThat(rolesOf(admin)).contains("admin");
        } finally {
            remove(admin, "admin", second.username());
        }
    }

    @Test
    void without_assign_admin_role_even_access_permissions_cannot_grant_admin() {
        TestUser m = createUser("user", "livechat-manager");
        Api session = loginAs(m);
        try {
            setPermission("access-permissions", List.of("admin", "livechat-manager"));
            // Rocket.Chat: Meteor.Error('error-action-not-allowed', 'Assigning admin is not allowed') -> 400
            assertErrorType(add(session, "admin", m.username()), 400, "error-action-not-allowed");
            assertThat(rolesOf(session)).doesNotContain("admin");
            assertThat(add(session, "livechat-monitor", m.username()).status()).isEqualTo(200);
        } finally {
            setPermission("access-permissions", List.of("admin"));
            remove(admin, "admin", m.username());
        }
    }

    @Test
    void not_logged_in_is_401() {
        assertExactly(anonymous.get("roles.list"), 401, UNAUTHENTICATED);
        assertExactly(add(anonymous, "livechat-agent", "admin"), 401, UNAUTHENTICATED);
        assertExactly(remove(anonymous, "livechat-agent", "admin"), 401, UNAUTHENTICATED);
    }
}
