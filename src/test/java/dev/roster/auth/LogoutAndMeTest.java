package dev.roster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST logout and GET me (contract §3). */
class LogoutAndMeTest extends ServerTest {
    private static final String LOGGED_OUT = """
            {"status":"success","data":{"message":"You've been logged out!"},"success":true}""";

    private static List<String> roles(JsonNode me) {
        List<String> roles = new ArrayList<>();
        me.get("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    @Test
    void logout_answers_exactly_and_revokes_only_the_token_used() {
        TestUser u = createUser();
        Api first = loginAs(u);
        Api second = loginAs(u);
        assertExactly(first.post("logout", Map.of()), 200, LOGGED_OUT);
        assertExactly(first.get("me"), 401, UNAUTHENTICATED);
        assertThat(second.get("me").status()).isEqualTo(200);
    }

    @Test
    void logout_without_a_body_also_works() {
        Api s = loginAs(createUser());
        assertExactly(s.postRaw("logout", null, null), 200, LOGGED_OUT);
        assertExactly(s.get("me"), 401, UNAUTHENTICATED);
    }

    @Test
    void logout_without_credentials_is_401() {
        assertExactly(anonymous.post("logout", Map.of()), 401, UNAUTHENTICATED);
    }

    @Test
    void a_user_logs_in_again_after_logout_with_a_new_token() {
        TestUser u = createUser();
        Api s = loginAs(u);
        assertExactly(s.post("logout", Map.of()), 200, LOGGED_OUT);
        Api again = loginAs(u);
        assertThat(again.token()).isNotEqualTo(s.token());
        assertThat(again.get("me").status()).isEqualTo(200);
    }

    @Test
    void me_shows_the_caller_with_roles_active_and_password_exists() {
        TestUser u = createUser();
        Api.Res res = loginAs(u).get("me");
        assertThat(res.status()).isEqualTo(200);
        JsonNode me = res.json();
        assertThat(me.get("success").asBoolean()).isTrue();
        assertThat(me.get("_id").asText()).isEqualTo(u.id());
        assertThat(me.get("username").asText()).isEqualTo(u.username());
        assertThat(me.get("name").asText()).isEqualTo(u.name());
        assertThat(me.get("emails")).isEqualTo(json("[{\"address\":\"" + u.email() + "\",\"verified\":false}]"));
        assertThat(me.get("status").asText()).isEqualTo("offline");
        assertThat(roles(me)).containsExactly("user");
        assertThat(me.get("active").asBoolean()).isTrue();
        assertThat(me.get("services")).isEqualTo(json("{\"password\":{\"exists\":true}}"));
    }

    @Test
    void me_reflects_users_set_status() {
        TestUser u = createUser();
        Api s = loginAs(u);
        assertExactly(s.post("users.setStatus", Map.of("status", "away")), 200, "{\"success\":true}");
        assertThat(s.get("me").json().get("status").asText()).isEqualTo("away");
        assertExactly(admin.post("users.setStatus", Map.of("userId", u.id(), "status", "busy")), 200, "{\"success\":true}");
        assertThat(s.get("me").json().get("status").asText()).isEqualTo("busy");
    }

    @Test
    void me_of_an_agent_shows_status_livechat_and_the_agent_role() {
        TestUser u = createAgent("online");
        JsonNode me = loginAs(u).get("me").json();
        assertThat(me.get("statusLivechat").asText()).isEqualTo("available");
        assertThat(roles(me)).contains("livechat-agent", "user");
    }

    @Test
    void me_of_a_removed_agent_has_no_status_livechat_nor_agent_role() {
        TestUser u = createAgent("online");
        Api s = loginAs(u);
        assertExactly(admin.delete("livechat/users/agent/" + u.id()), 200, "{\"success\":true}");
        JsonNode me = s.get("me").json();
        assertThat(me.path("statusLivechat").isMissingNode() || me.get("statusLivechat").isNull())
                .as("statusLivechat in %s", me).isTrue();
        assertThat(roles(me)).doesNotContain("livechat-agent").contains("user");
    }
}
