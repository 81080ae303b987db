package dev.roster.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST users.update (contract §4). */
class UsersUpdateTest extends ServerTest {
    private static final String USER_NOT_FOUND = "{\"success\":false,\"error\":\"User not found.\"}";
    private static final String WRONG_PASSWORD =
            "{\"success\":false,\"status\":\"error\",\"error\":\"Unauthorized\",\"message\":\"Incorrect password\"}";

    private static Api.Res update(Api caller, String userId, Map<String, Object> data) {
        return caller.post("users.update", Map.of("userId", userId, "data", data));
    }

    private static String fieldUnavailable(String value) {
        return "{\"success\":false,\"error\":\"" + value + " is already in use :( [error-field-unavailable]\","
                + "\"errorType\":\"error-field-unavailable\"}";
    }

    private static Api.Res agentsNamed(String username) {
        return admin.get("livechat/users/agent", Map.of("text", username, "count", "100"));
    }

    @Test
    void updating_name_email_and_username_answers_the_changed_user() {
        TestUser u = createUser();
        String newName = uniqueName("renamed");
        String newEmail = newName + "@update.example.com";
        Api.Res res = update(admin, u.id(), Map.of("name", "New Name", "email", newEmail, "username", newName));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().get("success").asBoolean()).isTrue();
        assertThat(res.json().at("/user/_id").asText()).isEqualTo(u.id());
        assertThat(res.json().at("/user/username").asText()).isEqualTo(newName);
        assertThat(res.json().at("/user/name").asText()).isEqualTo("New Name");
        assertThat(res.json().at("/user/emails/0/address").asText()).isEqualTo(newEmail);
        assertThat(res.text()).doesNotContain(u.password());
        Api.Res info = admin.get("users.info", Map.of("username", newName));
        assertThat(info.json().at("/user/_id").asText()).isEqualTo(u.id());
        assertThat(info.json().at("/user/name").asText()).isEqualTo("New Name");
        assertExactly(admin.get("users.info", Map.of("username", u.username())), 400, USER_NOT_FOUND);
    }

    @Test
    void after_a_username_change_the_user_logs_in_with_the_new_username() {
        TestUser u = createUser();
        String newName = uniqueName("renamed");
        assertThat(update(admin, u.id(), Map.of("username", newName)).status()).isEqualTo(200);
        assertThat(anonymous.login(newName, u.password()).userId()).isEqualTo(u.id());
    }

    @Test
    void after_an_email_change_the_user_logs_in_with_the_new_email() {
        TestUser u = createUser();
        String newEmail = uniqueName("mail") + "@update.example.com";
        assertThat(update(admin, u.id(), Map.of("email", newEmail)).status()).isEqualTo(200);
        assertThat(anonymous.login(newEmail, u.password()).userId()).isEqualTo(u.id());
    }

    @Test
    void a_username_another_user_has_is_400_field_unavailable() {
        TestUser u = createUser();
        TestUser other = createNamedUser(uniqueName("Other"), null);
        assertExactly(update(admin, u.id(), Map.of("username", other.username())), 400, fieldUnavailable(other.username()));
        String otherCase = other.username().toLowerCase();
        assertExactly(update(admin, u.id(), Map.of("username", otherCase)), 400, fieldUnavailable(otherCase));
        assertThat(admin.get("users.info", Map.of("userId", u.id())).json().at("/user/username").asText()).isEqualTo(u.username());
    }

    @Test
    void an_email_another_user_has_is_400_field_unavailable() {
        TestUser u = createUser();
        TestUser other = createUser();
        assertExactly(update(admin, u.id(), Map.of("email", other.email())), 400, fieldUnavailable(other.email()));
        String upper = other.email().toUpperCase();
        assertExactly(update(admin, u.id(), Map.of("email", upper)), 400, fieldUnavailable(upper));
    }

    @Test
    void keeping_ones_own_username_and_email_is_not_a_conflict() {
        TestUser u = createUser();
        Api.Res res = update(admin, u.id(), Map.of("username", u.username(), "email", u.email(), "name", "Same Again"));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().at("/user/name").asText()).isEqualTo("Same Again");
    }

    @Test
    void a_password_change_makes_the_old_password_fail_and_the_new_one_work() {
        TestUser u = createUser();
        assertThat(update(admin, u.id(), Map.of("password", "brand-new-pw")).status()).isEqualTo(200);
        assertExactly(anonymous.post("login", Map.of("user", u.username(), "password", u.password())), 401, WRONG_PASSWORD);
        assertThat(anonymous.login(u.username(), "brand-new-pw").userId()).isEqualTo(u.id());
    }

    @Test
    void adding_the_agent_role_makes_the_user_a_listed_agent_with_a_livechat_status() {
        TestUser u = createUser();
        assertThat(admin.post("users.setStatus", Map.of("userId", u.id(), "status", "online")).status()).isEqualTo(200);
        Api.Res res = update(admin, u.id(), Map.of("roles", List.of("user", "livechat-agent")));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().at("/user/roles")).containsExactlyInAnyOrder(json("\"user\""), json("\"livechat-agent\""));
        Api.Res listed = agentsNamed(u.username());
        assertThat(listed.json().get("total").asInt()).isEqualTo(1);
        assertThat(listed.json().at("/users/0/_id").asText()).isEqualTo(u.id());
        assertThat(listed.json().at("/users/0/statusLivechat").asText()).isEqualTo("available");
    }

    @Test
    void an_offline_user_given_the_agent_role_is_not_available() {
        TestUser u = createUser();
        assertThat(update(admin, u.id(), Map.of("roles", List.of("user", "livechat-agent"))).status()).isEqualTo(200);
        assertThat(admin.get("livechat/users/agent/" + u.id()).json().at("/user/statusLivechat").asText())
                .isEqualTo("not-available");
    }

    @Test
    void removing_the_agent_role_unlists_the_agent() {
        TestUser u = createAgent("online");
        Api.Res res = update(admin, u.id(), Map.of("roles", List.of("user")));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().at("/user/roles")).isEqualTo(json("[\"user\"]"));
        assertThat(res.json().get("user").has("statusLivechat")).isFalse();
        assertThat(agentsNamed(u.username()).json().get("total").asInt()).isZero();
        assertExactly(admin.get("livechat/users/agent/" + u.id()), 200, "{\"user\":null,\"success\":true}");
    }

    @Test
    void an_unknown_role_is_400_error_invalid_role_and_changes_nothing() {
        TestUser u = createUser();
        Api.Res res = update(admin, u.id(), Map.of("roles", List.of("user", "no-such-role")));
        assertThat(res.status()).as("%s", res).isEqualTo(400);
        assertThat(res.json().get("success").asBoolean()).isFalse();
        assertThat(res.json().get("errorType").asText()).isEqualTo("error-invalid-role");
        assertThat(admin.get("users.info", Map.of("userId", u.id())).json().at("/user/roles")).isEqualTo(json("[\"user\"]"));
    }

    @Test
    void an_unknown_user_id_is_400_error_invalid_user() {
        Api.Res res = update(admin, "NoSuchUser1234567", Map.of("name", "Nobody"));
        assertThat(res.status()).as("%s", res).isEqualTo(400);
        assertThat(res.json().get("success").asBoolean()).isFalse();
        assertThat(res.json().get("errorType").asText()).isEqualTo("error-invalid-user");
    }

    @Test
    void a_plain_user_is_403_and_the_target_is_unchanged() {
        TestUser target = createUser();
        Api plain = loginAs(createUser());
        assertExactly(update(plain, target.id(), Map.of("name", "Hijacked")), 403, FORBIDDEN_ROUTE);
        assertThat(admin.get("users.info", Map.of("userId", target.id())).json().at("/user/name").asText()).isEqualTo(target.name());
    }

    @Test
    void unauthenticated_is_401() {
        TestUser target = createUser();
        assertExactly(update(anonymous, target.id(), Map.of("name", "Anonymous")), 401, UNAUTHENTICATED);
    }

    @Test
    void missing_user_id_or_data_is_400_required_property() {
        TestUser u = createUser();
        assertExactly(admin.post("users.update", Map.of("data", Map.of("name", "x"))), 400,
                invalidParams("must have required property 'userId'"));
        assertExactly(admin.post("users.update", Map.of("userId", u.id())), 400,
                invalidParams("must have required property 'data'"));
    }

    @Test
    void an_unknown_key_is_400_additional_properties() {
        TestUser u = createUser();
        assertExactly(admin.post("users.update", Map.of("userId", u.id(), "data", Map.of("name", "x"), "extra", 1)), 400,
                invalidParams("must NOT have additional properties"));
        assertExactly(update(admin, u.id(), Map.of("favouriteColour", "blue")), 400,
                invalidParams("must NOT have additional properties"));
    }

    @Test
    void wrong_json_types_are_400() {
        TestUser u = createUser();
        assertExactly(update(admin, u.id(), Api.map("name", 42)), 400, invalidParams("must be string"));
        assertExactly(update(admin, u.id(), Api.map("username", null)), 400, invalidParams("must be string"));
        assertExactly(update(admin, u.id(), Api.map("verified", "yes")), 400, invalidParams("must be boolean"));
        assertExactly(admin.post("users.update", Map.of("userId", 7, "data", Map.of())), 400, invalidParams("must be string"));
        assertExactly(admin.post("users.update", Map.of("userId", u.id(), "data", "x")), 400, invalidParams("must be object"));
    }

    @Test
    void an_invalid_username_is_400_and_changes_nothing() {
        TestUser u = createUser();
        Api.Res res = update(admin, u.id(), Map.of("username", "no spaces allowed"));
        assertThat(res.status()).as("%s", res).isEqualTo(400);
        assertThat(res.json().get("success").asBoolean()).isFalse();
        assertThat(admin.get("users.info", Map.of("userId", u.id())).json().at("/user/username").asText()).isEqualTo(u.username());
    }

    @Test
    void the_last_active_admin_cannot_lose_the_admin_role_through_an_update() {
        Api.Res res = update(admin, admin.userId(), Map.of("roles", List.of("user")));
        assertThat(res.status()).as("%s", res).isEqualTo(400);
        assertThat(res.json().get("success").asBoolean()).isFalse();
        assertThat(res.json().get("errorType").asText()).isEqualTo("error-action-not-allowed");
        assertThat(admin.get("me").json().get("roles")).contains(json("\"admin\""));
    }

    @Test
    void the_last_active_admin_cannot_be_deactivated_through_an_update() {
        Api.Res res = update(admin, admin.userId(), Map.of("active", false, "name", "Renamed Admin"));
        assertThat(res.status()).as("%s", res).isEqualTo(400);
        assertThat(res.json().get("errorType").asText()).isEqualTo("error-action-not-allowed");
        assertThat(admin.get("me").json().get("active").asBoolean()).isTrue();
        assertThat(admin.get("me").json().get("name").asText()).isNotEqualTo("Renamed Admin");
    }

    @Test
    void deactivating_through_an_update_revokes_the_users_tokens() {
        TestUser u = createUser();
        Api session = loginAs(u);
        assertThat(update(admin, u.id(), Map.of("active", false)).status()).isEqualTo(200);
        assertExactly(session.get("me"), 401, UNAUTHENTICATED);
    }
}
