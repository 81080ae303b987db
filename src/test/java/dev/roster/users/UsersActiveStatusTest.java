package dev.roster.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import dev.roster.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST users.setActiveStatus (contract §4, §9). */
class UsersActiveStatusTest extends ServerTest {

    private static Api.Res setActive(Api caller, String userId, boolean active) {
        return caller.post("users.setActiveStatus", Map.of("userId", userId, "activeStatus", active));
    }

    private static String activeBody(String userId, boolean active) {
        return "{\"user\":{\"_id\":\"" + userId + "\",\"active\":" + active + "},\"success\":true}";
    }

    @Test
    void deactivating_answers_the_user_id_and_active_false() {
        TestUser u = createUser();
        assertExactly(setActive(admin, u.id(), false), 200, activeBody(u.id(), false));
        assertThat(admin.get("users.info", Map.of("userId", u.id())).json().at("/user/active").asBoolean()).isFalse();
    }

    @Test
    void deactivating_a_user_revokes_all_its_tokens_even_after_reactivation() {
        TestUser u = createUser();
        Api first = loginAs(u);
        Api second = loginAs(u);
        assertThat(first.get("me").status()).isEqualTo(200);
        assertThat(second.get("me").status()).isEqualTo(200);
        assertThat(setActive(admin, u.id(), false).status()).isEqualTo(200);
        assertExactly(first.get("me"), 401, UNAUTHENTICATED);
        assertExactly(second.get("me"), 401, UNAUTHENTICATED);
        assertExactly(setActive(admin, u.id(), true), 200, activeBody(u.id(), true));
        assertExactly(first.get("me"), 401, UNAUTHENTICATED);
        assertExactly(second.get("me"), 401, UNAUTHENTICATED);
    }

    @Test
    void a_revoked_token_cannot_be_resumed() {
        TestUser u = createUser();
        Api session = loginAs(u);
        assertThat(setActive(admin, u.id(), false).status()).isEqualTo(200);
        assertThat(setActive(admin, u.id(), true).status()).isEqualTo(200);
        Api.Res resume = anonymous.post("login", Map.of("resume", session.token()));
        assertThat(resume.status()).as("%s", resume).isEqualTo(401);
        assertThat(resume.json().get("success").asBoolean()).isFalse();
    }

    @Test
    void a_deactivated_user_cannot_log_in() {
        TestUser u = createUser();
        assertThat(setActive(admin, u.id(), false).status()).isEqualTo(200);
        Api.Res login = anonymous.post("login", Map.of("user", u.username(), "password", u.password()));
        assertThat(login.status()).as("%s", login).isEqualTo(401);
        assertThat(login.json().get("success").asBoolean()).isFalse();
    }

    @Test
    void reactivating_lets_the_user_log_in_again() {
        TestUser u = createUser();
        assertThat(setActive(admin, u.id(), false).status()).isEqualTo(200);
        assertThat(setActive(admin, u.id(), true).status()).isEqualTo(200);
        Api session = loginAs(u);
        assertThat(session.get("me").json().get("active").asBoolean()).isTrue();
    }

    @Test
    void deactivating_an_available_agent_makes_it_not_available() {
        TestUser agent = createAgent("online");
        assertThat(admin.get("livechat/users/agent/" + agent.id()).json().at("/user/statusLivechat").asText()).isEqualTo("available");
        assertThat(setActive(admin, agent.id(), false).status()).isEqualTo(200);
        assertThat(admin.get("livechat/users/agent/" + agent.id()).json().at("/user/statusLivechat").asText()).isEqualTo("not-available");
        Api.Res available = admin.get("livechat/users/agent", Map.of("text", agent.username(), "onlyAvailable", "true"));
        assertThat(available.json().get("total").asInt()).isZero();
    }

    @Test
    void deactivating_a_plain_user_gives_it_no_livechat_status() {
        TestUser u = createUser();
        assertThat(setActive(admin, u.id(), false).status()).isEqualTo(200);
        assertThat(admin.get("users.info", Map.of("userId", u.id())).json().at("/user").has("statusLivechat")).isFalse();
    }

    @Test
    void a_plain_user_is_403_and_the_target_stays_active() {
        TestUser target = createUser();
        Api targetSession = loginAs(target);
        Api plain = loginAs(createUser());
        assertExactly(setActive(plain, target.id(), false), 403, FORBIDDEN_ROUTE);
        assertThat(targetSession.get("me").status()).isEqualTo(200);
        assertThat(loginAs(target).get("me").json().get("active").asBoolean()).isTrue();
    }

    @Test
    void unauthenticated_is_401() {
        TestUser target = createUser();
        assertExactly(setActive(anonymous, target.id(), false), 401, UNAUTHENTICATED);
        assertThat(loginAs(target).userId()).isEqualTo(target.id());
    }

    @Test
    void the_last_active_admin_cannot_be_deactivated_and_can_still_log_in() {
        Api.Res res = setActive(admin, admin.userId(), false);
        assertThat(res.status()).as("%s", res).isEqualTo(400);
        assertThat(res.json().get("success").asBoolean()).isFalse();
        assertThat(res.json().get("errorType").asText()).isEqualTo("error-action-not-allowed");
        assertThat(admin.get("me").json().get("active").asBoolean()).isTrue();
        assertThat(anonymous.login(TestServer.ADMIN_USERNAME, TestServer.ADMIN_PASSWORD).get("me").status()).isEqualTo(200);
    }

    @Test
    void deactivating_one_of_two_admins_is_allowed_and_a_deactivated_admin_does_not_count() {
        TestUser second = createUser("user", "admin");
        assertExactly(setActive(admin, second.id(), false), 200, activeBody(second.id(), false));
        Api.Res res = setActive(admin, admin.userId(), false);
        assertThat(res.status()).as("%s", res).isEqualTo(400);
        assertThat(res.json().get("errorType").asText()).isEqualTo("error-action-not-allowed");
        assertThat(admin.get("me").status()).isEqualTo(200);
    }

    @Test
    void an_activation_flag_that_is_not_a_boolean_is_400_must_be_boolean() {
        TestUser u = createUser();
        assertExactly(admin.post("users.setActiveStatus", Map.of("userId", u.id(), "activeStatus", "false")), 400,
                invalidParams("must be boolean"));
        assertThat(loginAs(u).userId()).isEqualTo(u.id());
    }

    @Test
    void missing_fields_are_400_required_property() {
        TestUser u = createUser();
        assertExactly(admin.post("users.setActiveStatus", Map.of("activeStatus", false)), 400,
                invalidParams("must have required property 'userId'"));
        assertExactly(admin.post("users.setActiveStatus", Map.of("userId", u.id())), 400,
                invalidParams("must have required property 'activeStatus'"));
        assertExactly(admin.post("users.setActiveStatus", Map.of("userId", u.id(), "activeStatus", false, "x", 1)), 400,
                invalidParams("must NOT have additional properties"));
    }
}
