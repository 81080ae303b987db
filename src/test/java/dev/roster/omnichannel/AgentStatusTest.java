package dev.roster.omnichannel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST livechat/agent.status (contract §2). */
class AgentStatusTest extends ServerTest {
    private static final String AVAILABLE = "{\"status\":\"available\",\"success\":true}";
    private static final String NOT_AVAILABLE = "{\"status\":\"not-available\",\"success\":true}";
    private static final String AGENT_NOT_FOUND = "{\"success\":false,\"error\":\"Agent not found\"}";
    private static final String DEACTIVATED =
            "{\"success\":false,\"error\":\"error-user-deactivated\",\"errorType\":\"error-user-deactivated\"}";

    private static Api.Res setStatus(Api api, Object body) {
        return api.post("livechat/agent.status", body);
    }

    private static String statusOf(TestUser agent) {
        Api.Res res = admin.get("livechat/users/agent/" + agent.id());
        assertThat(res.status()).isEqualTo(200);
        return res.json().at("/user/statusLivechat").asText();
    }

    @Test
    void without_status_an_agent_toggles_its_own_status() {
        TestUser ag = createAgent("online");
        Api agent = loginAs(ag);
        assertExactly(setStatus(agent, Map.of()), 200, NOT_AVAILABLE);
        assertThat(statusOf(ag)).isEqualTo("not-available");
        assertExactly(setStatus(agent, Map.of()), 200, AVAILABLE);
        assertThat(statusOf(ag)).isEqualTo("available");
    }

    @Test
    void an_agent_registered_offline_toggles_to_available() {
        TestUser ag = createAgent("offline");
        assertExactly(setStatus(loginAs(ag), Map.of()), 200, AVAILABLE);
        assertThat(statusOf(ag)).isEqualTo("available");
    }

    @Test
    void an_explicit_status_is_set_and_setting_it_again_keeps_it() {
        TestUser ag = createAgent("online");
        Api agent = loginAs(ag);
        assertExactly(setStatus(agent, Map.of("status", "not-available")), 200, NOT_AVAILABLE);
        assertExactly(setStatus(agent, Map.of("status", "not-available")), 200, NOT_AVAILABLE);
        assertThat(statusOf(ag)).isEqualTo("not-available");
        assertExactly(setStatus(agent, Map.of("status", "available")), 200, AVAILABLE);
        assertExactly(setStatus(agent, Map.of("status", "available")), 200, AVAILABLE);
        assertThat(statusOf(ag)).isEqualTo("available");
    }

    @Test
    void an_agent_may_name_itself_as_agent_id() {
        TestUser ag = createAgent("online");
        assertExactly(setStatus(loginAs(ag), Map.of("agentId", ag.id(), "status", "not-available")), 200, NOT_AVAILABLE);
        assertThat(statusOf(ag)).isEqualTo("not-available");
    }

    @Test
    void an_agent_may_not_change_another_agent_and_the_target_is_unchanged() {
        Api caller = loginAs(createAgent("online"));
        TestUser target = createAgent("online");
        assertExactly(setStatus(caller, Map.of("agentId", target.id(), "status", "not-available")), 403, FORBIDDEN);
        assertExactly(setStatus(caller, Map.of("agentId", target.id())), 403, FORBIDDEN);
        assertThat(statusOf(target)).isEqualTo("available");
    }

    @Test
    void a_manager_or_a_monitor_changes_another_agent() {
        for (String role : new String[] {"livechat-manager", "livechat-monitor"}) {
            Api caller = loginAs(createUser("user", role));
            TestUser target = createAgent("online");
            assertExactly(setStatus(caller, Map.of("agentId", target.id(), "status", "not-available")), 200, NOT_AVAILABLE);
            assertThat(statusOf(target)).as(role).isEqualTo("not-available");
            assertExactly(setStatus(caller, Map.of("agentId", target.id())), 200, AVAILABLE);
            assertThat(statusOf(target)).as(role).isEqualTo("available");
        }
    }

    @Test
    void a_caller_who_is_not_an_agent_is_404_agent_not_found() {
        Api manager = loginAs(createUser("user", "livechat-manager"));
        assertExactly(setStatus(manager, Map.of("status", "available")), 404, AGENT_NOT_FOUND);
        assertExactly(setStatus(manager, Map.of()), 404, AGENT_NOT_FOUND);
    }

    @Test
    void an_unknown_agent_id_is_404_agent_not_found() {
        assertExactly(setStatus(admin, Map.of("agentId", "Unknown7zzzzzzzzz", "status", "available")), 404, AGENT_NOT_FOUND);
    }

    @Test
    void an_agent_id_of_a_user_who_is_not_an_agent_is_404_agent_not_found() {
        assertExactly(setStatus(admin, Map.of("agentId", createUser().id(), "status", "available")), 404, AGENT_NOT_FOUND);
    }

    @Test
    void a_deactivated_agent_is_400_error_user_deactivated_and_unchanged() {
        TestUser ag = createAgent("online");
        assertThat(admin.post("users.setActiveStatus", Map.of("userId", ag.id(), "activeStatus", false)).status()).isEqualTo(200);
        String before = statusOf(ag);
        assertExactly(setStatus(admin, Map.of("agentId", ag.id(), "status", "available")), 400, DEACTIVATED);
        assertExactly(setStatus(admin, Map.of("agentId", ag.id())), 400, DEACTIVATED);
        assertThat(statusOf(ag)).isEqualTo(before);
    }

    @Test
    void a_plain_user_is_403_route_forbidden() {
        assertExactly(setStatus(loginAs(createUser()), Map.of("status", "available")), 403, FORBIDDEN_ROUTE);
    }

    @Test
    void without_credentials_it_is_401() {
        assertExactly(setStatus(anonymous, Map.of("status", "available")), 401, UNAUTHENTICATED);
    }

    @Test
    void an_unknown_body_key_is_400_additional_properties_and_unchanged() {
        TestUser ag = createAgent("online");
        assertExactly(setStatus(loginAs(ag), Map.of("status", "not-available", "foo", 1)), 400,
                invalidParams("must NOT have additional properties"));
        assertThat(statusOf(ag)).isEqualTo("available");
    }

    @Test
    void a_status_outside_the_two_values_is_400_invalid_params_and_unchanged() {
        TestUser ag = createAgent("online");
        Api.Res res = setStatus(loginAs(ag), Map.of("status", "busy"));
        assertThat(res.status()).as("%s", res).isEqualTo(400);
        assertThat(res.json().get("success").asBoolean()).isFalse();
        assertThat(res.json().get("errorType").asText()).isEqualTo("invalid-params");
        assertThat(res.json().get("error").asText()).endsWith(" [invalid-params]");
        assertThat(statusOf(ag)).isEqualTo("available");
    }

    @Test
    void a_status_or_agent_id_that_is_not_a_string_is_400_must_be_string() {
        TestUser ag = createAgent("online");
        Api agent = loginAs(ag);
        assertExactly(agent.postRaw("livechat/agent.status", "{\"status\":1}", "application/json"), 400, invalidParams("must be string"));
        assertExactly(agent.postRaw("livechat/agent.status", "{\"status\":null}", "application/json"), 400, invalidParams("must be string"));
        assertExactly(agent.postRaw("livechat/agent.status", "{\"agentId\":5}", "application/json"), 400, invalidParams("must be string"));
        assertThat(statusOf(ag)).isEqualTo("available");
    }

    @Test
    void the_only_available_list_follows_status_changes() {
        TestUser ag = createAgent("online");
        Api agent = loginAs(ag);
        Map<String, String> q = Map.of("text", ag.username(), "onlyAvailable", "true");
        assertThat(admin.get("livechat/users/agent", q).json().get("total").asInt()).isEqualTo(1);
        assertExactly(setStatus(agent, Map.of("status", "not-available")), 200, NOT_AVAILABLE);
        assertThat(admin.get("livechat/users/agent", q).json().get("total").asInt()).isZero();
        assertExactly(setStatus(agent, Map.of()), 200, AVAILABLE);
        assertThat(admin.get("livechat/users/agent", q).json().get("total").asInt()).isEqualTo(1);
    }
}
