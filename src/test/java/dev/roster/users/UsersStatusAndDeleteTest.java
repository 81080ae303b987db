package dev.roster.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST users.setStatus and POST users.delete (contract §4, §9). */
class UsersStatusAndDeleteTest extends ServerTest {
    private static final String USER_NOT_FOUND = "{\"success\":false,\"error\":\"User not found.\"}";
    private static final String OK = "{\"success\":true}";

    private static String statusOf(String userId) {
        return admin.get("users.info", Map.of("userId", userId)).json().at("/user/status").asText();
    }

    @Test
    void a_user_sets_its_own_status_and_sees_it_in_me() {
        Api session = loginAs(createUser());
        for (String status : List.of("online", "away", "busy", "offline")) {
            assertExactly(session.post("users.setStatus", Map.of("status", status)), 200, OK);
            assertThat(session.get("me").json().get("status").asText()).isEqualTo(status);
        }
    }

    @Test
    void a_status_message_becomes_the_status_text() {
        Api session = loginAs(createUser());
        assertExactly(session.post("users.setStatus", Map.of("status", "away", "message", "at lunch")), 200, OK);
        assertThat(session.get("me").json().get("statusText").asText()).isEqualTo("at lunch");
    }

    @Test
    void an_invalid_status_is_400_invalid_params_and_changes_nothing() {
        TestUser u = createUser();
        Api session = loginAs(u);
        assertExactly(session.post("users.setStatus", Map.of("status", "sleeping")), 400,
                invalidParams("must be equal to one of the allowed values"));
        assertExactly(session.post("users.setStatus", Map.of("status", 1)), 400, invalidParams("must be string"));
        assertThat(statusOf(u.id())).isEqualTo("offline");
    }

    @Test
    void an_unknown_key_in_set_status_is_400_additional_properties() {
        Api session = loginAs(createUser());
        assertExactly(session.post("users.setStatus", Map.of("status", "away", "mood", "happy")), 400,
                invalidParams("must NOT have additional properties"));
    }

    @Test
    void an_admin_sets_another_users_status() {
        TestUser u = createUser();
        assertExactly(admin.post("users.setStatus", Map.of("userId", u.id(), "status", "busy")), 200, OK);
        assertThat(statusOf(u.id())).isEqualTo("busy");
    }

    @Test
    void setting_another_users_status_needs_edit_other_user_info() {
        TestUser target = createUser();
        Api plain = loginAs(createUser());
        assertExactly(plain.post("users.setStatus", Map.of("userId", target.id(), "status", "away")), 403, FORBIDDEN);
        assertThat(statusOf(target.id())).isEqualTo("offline");
    }

    @Test
    void a_plain_user_may_name_itself_as_the_target() {
        TestUser u = createUser();
        Api session = loginAs(u);
        assertExactly(session.post("users.setStatus", Map.of("userId", u.id(), "status", "away")), 200, OK);
        assertThat(statusOf(u.id())).isEqualTo("away");
    }

    @Test
    void set_status_unauthenticated_is_401() {
        assertExactly(anonymous.post("users.setStatus", Map.of("status", "online")), 401, UNAUTHENTICATED);
    }

    @Test
    void deleting_by_user_id_removes_the_user_and_frees_its_username() {
        TestUser u = createUser();
        assertExactly(admin.post("users.delete", Map.of("userId", u.id())), 200, OK);
        assertExactly(admin.get("users.info", Map.of("userId", u.id())), 400, USER_NOT_FOUND);
        assertExactly(admin.get("users.info", Map.of("username", u.username())), 400, USER_NOT_FOUND);
        TestUser again = createNamedUser(u.username(), null);
        assertThat(again.id()).isNotEqualTo(u.id());
        assertThat(loginAs(again).userId()).isEqualTo(again.id());
    }

    @Test
    void deleting_by_username_removes_the_user() {
        TestUser u = createUser();
        assertExactly(admin.post("users.delete", Map.of("username", u.username())), 200, OK);
        assertExactly(admin.get("users.info", Map.of("userId", u.id())), 400, USER_NOT_FOUND);
    }

    @Test
    void a_deleted_users_sessions_are_401_and_it_cannot_log_in() {
        TestUser u = createUser();
        Api session = loginAs(u);
        assertThat(admin.post("users.delete", Map.of("userId", u.id())).status()).isEqualTo(200);
        assertExactly(session.get("me"), 401, UNAUTHENTICATED);
        assertExactly(anonymous.post("login", Map.of("user", u.username(), "password", u.password())), 401,
                "{\"success\":false,\"status\":\"error\",\"error\":\"Unauthorized\",\"message\":\"Unauthorized\"}");
        Api.Res resume = anonymous.post("login", Map.of("resume", session.token()));
        assertThat(resume.status()).as("%s", resume).isEqualTo(401);
    }

    @Test
    void deleting_an_agent_unlists_it() {
        TestUser agent = createAgent("online");
        assertThat(admin.post("users.delete", Map.of("userId", agent.id())).status()).isEqualTo(200);
        assertThat(admin.get("livechat/users/agent", Map.of("text", agent.username())).json().get("total").asInt()).isZero();
        assertExactly(admin.get("livechat/users/agent/" + agent.id()), 200, "{\"user\":null,\"success\":true}");
    }

    @Test
    void deleting_an_unknown_user_is_400() {
        for (Map<String, String> body : List.of(Map.of("userId", "NoSuchUser1234567"), Map.of("username", uniqueName("nobody")))) {
            Api.Res res = admin.post("users.delete", body);
            assertThat(res.status()).as("%s", res).isEqualTo(400);
            assertThat(res.json().get("success").asBoolean()).isFalse();
        }
    }

    @Test
    void deleting_needs_delete_user_and_leaves_the_target() {
        TestUser target = createUser();
        Api plain = loginAs(createUser());
        assertExactly(plain.post("users.delete", Map.of("userId", target.id())), 403, FORBIDDEN_ROUTE);
        Api manager = loginAs(createUser("user", "livechat-manager"));
        assertExactly(manager.post("users.delete", Map.of("userId", target.id())), 403, FORBIDDEN_ROUTE);
        assertThat(admin.get("users.info", Map.of("userId", target.id())).status()).isEqualTo(200);
    }

    @Test
    void deleting_unauthenticated_is_401() {
        TestUser target = createUser();
        assertExactly(anonymous.post("users.delete", Map.of("userId", target.id())), 401, UNAUTHENTICATED);
        assertThat(admin.get("users.info", Map.of("userId", target.id())).status()).isEqualTo(200);
    }

    @Test
    void an_unknown_key_in_delete_is_400_and_deletes_nothing() {
        TestUser target = createUser();
        assertExactly(admin.post("users.delete", Map.of("userId", target.id(), "hard", true)), 400,
                invalidParams("must NOT have additional properties"));
        assertThat(admin.get("users.info", Map.of("userId", target.id())).status()).isEqualTo(200);
    }

    @Test
    void the_last_admin_cannot_be_deleted() {
        Api.Res res = admin.post("users.delete", Map.of("userId", admin.userId()));
        assertThat(res.status()).as("%s", res).isEqualTo(400);
        assertThat(res.json().get("success").asBoolean()).isFalse();
        assertThat(res.json().get("errorType").asText()).isEqualTo("error-action-not-allowed");
        assertThat(admin.get("me").status()).isEqualTo(200);
    }

    @Test
    void deleting_one_of_two_admins_is_allowed() {
        TestUser second = createUser("user", "admin");
        assertExactly(admin.post("users.delete", Map.of("userId", second.id())), 200, OK);
        assertExactly(admin.get("users.info", Map.of("userId", second.id())), 400, USER_NOT_FOUND);
        assertThat(admin.get("me").status()).isEqualTo(200);
    }
}
