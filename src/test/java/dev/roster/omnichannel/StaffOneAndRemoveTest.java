package dev.roster.omnichannel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET and DELETE livechat/users/:type/:_id (contract §2). */
class StaffOneAndRemoveTest extends ServerTest {
    private static final String NULL_USER = "{\"user\":null,\"success\":true}";
    private static final String OK = "{\"success\":true}";
    private static final String UNKNOWN_ID = "Unknown7zzzzzzzzz";

    private static Api.Res one(Api api, String type, String id) {
        return api.get("livechat/users/" + type + "/" + id);
    }

    private static Api.Res remove(Api api, String type, String id) {
        return api.delete("livechat/users/" + type + "/" + id);
    }

    private static TestUser createManager() {
        TestUser u = createUser();
        assertThat(admin.post("livechat/users/manager", Map.of("username", u.username())).status()).isEqualTo(200);
        return u;
    }

    /** The ids the list shows for a search by this username. */
    private static List<String> listed(String type, String username) {
        Api.Res res = admin.get("livechat/users/" + type, Map.of("text", username, "count", "0"));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        res.json().get("users").forEach(u -> ids.add(u.get("_id").asText()));
        return ids;
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    // ---- GET one -------------------------------------------------------------------------------------------

    @Test
    void one_agent_has_exactly_the_contract_keys() {
        TestUser ag = createAgent("online");
        Api.Res res = one(admin, "agent", ag.id());
        assertThat(res.status()).isEqualTo(200);
        assertThat(keys(res.json())).containsExactlyInAnyOrder("user", "success");
        JsonNode user = res.json().get("user");
        assertThat(keys(user)).containsExactlyInAnyOrder("_id", "username", "name", "status", "statusLivechat", "emails", "livechat");
        assertThat(user.get("_id").asText()).isEqualTo(ag.id());
        assertThat(user.get("username").asText()).isEqualTo(ag.username());
        assertThat(user.get("name").asText()).isEqualTo(ag.name());
        assertThat(user.get("status").asText()).isEqualTo("online");
        assertThat(user.get("statusLivechat").asText()).isEqualTo("available");
        assertThat(user.get("emails")).hasSize(1);
        assertThat(keys(user.at("/emails/0"))).containsExactlyInAnyOrder("address", "verified");
        assertThat(user.at("/emails/0/address").asText()).isEqualTo(ag.email());
        assertThat(user.get("livechat").isNull() || user.get("livechat").isObject()).isTrue();
    }

    @Test
    void one_manager_has_the_same_keys_and_never_roles_or_services() {
        TestUser m = createManager();
        JsonNode user = one(admin, "manager", m.id()).json().get("user");
        assertThat(keys(user)).containsExactlyInAnyOrder("_id", "username", "name", "status", "statusLivechat", "emails", "livechat");
        assertThat(user.has("roles")).isFalse();
        assertThat(user.has("services")).isFalse();
        assertThat(user.get("_id").asText()).isEqualTo(m.id());
    }

    @Test
    void one_of_a_user_who_is_not_an_agent_is_null() {
        assertExactly(one(admin, "agent", createUser().id()), 200, NULL_USER);
    }

    @Test
    void one_of_an_unknown_id_is_null() {
        assertExactly(one(admin, "agent", UNKNOWN_ID), 200, NULL_USER);
        assertExactly(one(admin, "manager", UNKNOWN_ID), 200, NULL_USER);
    }

    @Test
    void the_manager_endpoint_is_null_for_an_agent_and_the_agent_endpoint_for_a_manager() {
        TestUser ag = createAgent("online");
        TestUser m = createManager();
        assertExactly(one(admin, "manager", ag.id()), 200, NULL_USER);
        assertExactly(one(admin, "agent", m.id()), 200, NULL_USER);
    }

    @Test
    void one_without_view_livechat_manager_is_403() {
        TestUser ag = createAgent("online");
        Api agent = loginAs(ag);
        assertExactly(one(agent, "agent", ag.id()), 403, FORBIDDEN_ROUTE);
        assertExactly(one(loginAs(createUser()), "manager", ag.id()), 403, FORBIDDEN_ROUTE);
    }

    @Test
    void a_monitor_may_read_one_agent() {
        TestUser ag = createAgent("online");
        Api monitor = loginAs(createUser("user", "livechat-monitor"));
        assertThat(one(monitor, "agent", ag.id()).json().at("/user/_id").asText()).isEqualTo(ag.id());
    }

    @Test
    void one_without_credentials_is_401() {
        assertExactly(one(anonymous, "agent", createAgent("online").id()), 401, UNAUTHENTICATED);
    }

    @Test
    void one_with_an_unknown_type_is_400_invalid_type() {
        assertExactly(one(admin, "supervisor", createAgent("online").id()), 400, INVALID_TYPE);
    }

    // ---- DELETE --------------------------------------------------------------------------------------------

    @Test
    void removing_an_agent_unlists_it_and_one_becomes_null() {
        TestUser ag = createAgent("online");
        assertThat(listed("agent", ag.username())).containsExactly(ag.id());
        assertExactly(remove(admin, "agent", ag.id()), 200, OK);
        assertThat(listed("agent", ag.username())).isEmpty();
        assertExactly(one(admin, "agent", ag.id()), 200, NULL_USER);
    }

    @Test
    void removing_an_agent_clears_its_status_livechat_and_role() {
        TestUser ag = createAgent("online");
        Api agent = loginAs(ag);
        JsonNode before = agent.get("me").json();
        assertThat(before.get("statusLivechat").asText()).isEqualTo("available");
        assertThat(before.get("roles")).contains(json("\"livechat-agent\""));
        assertExactly(remove(admin, "agent", ag.id()), 200, OK);
        JsonNode after = agent.get("me").json();
        assertThat(after.path("statusLivechat").isMissingNode() || after.get("statusLivechat").isNull())
                .as("statusLivechat in %s", after).isTrue();
        assertThat(after.get("roles")).doesNotContain(json("\"livechat-agent\""));
    }

    @Test
    void removing_a_manager_unlists_it_and_keeps_its_agent_role() {
        TestUser both = createAgent("online");
        assertThat(admin.post("livechat/users/manager", Map.of("username", both.username())).status()).isEqualTo(200);
        assertExactly(remove(admin, "manager", both.id()), 200, OK);
        assertThat(listed("manager", both.username())).isEmpty();
        assertThat(one(admin, "agent", both.id()).json().at("/user/statusLivechat").asText()).isEqualTo("available");
    }

    @Test
    void removing_a_user_who_is_not_an_agent_is_200() {
        assertExactly(remove(admin, "agent", createUser().id()), 200, OK);
        assertExactly(remove(admin, "manager", createUser().id()), 200, OK);
    }

    @Test
    void removing_an_unknown_id_is_400_error_invalid_user() {
        assertExactly(remove(admin, "agent", UNKNOWN_ID), 400, INVALID_USER);
        assertExactly(remove(admin, "manager", UNKNOWN_ID), 400, INVALID_USER);
    }

    @Test
    void removing_twice_is_200_both_times() {
        TestUser ag = createAgent("online");
        assertExactly(remove(admin, "agent", ag.id()), 200, OK);
        assertExactly(remove(admin, "agent", ag.id()), 200, OK);
    }

    @Test
    void removing_without_view_livechat_manager_is_403_and_changes_nothing() {
        TestUser ag = createAgent("online");
        Api other = loginAs(createAgent("online"));
        assertExactly(remove(other, "agent", ag.id()), 403, FORBIDDEN_ROUTE);
        assertExactly(remove(loginAs(createUser()), "agent", ag.id()), 403, FORBIDDEN_ROUTE);
        assertThat(listed("agent", ag.username())).containsExactly(ag.id());
        assertThat(one(admin, "agent", ag.id()).json().at("/user/statusLivechat").asText()).isEqualTo("available");
    }

    @Test
    void removing_without_credentials_is_401_and_changes_nothing() {
        TestUser ag = createAgent("online");
        assertExactly(remove(anonymous, "agent", ag.id()), 401, UNAUTHENTICATED);
        assertThat(listed("agent", ag.username())).containsExactly(ag.id());
    }

    @Test
    void removing_with_an_unknown_type_is_400_invalid_type() {
        TestUser ag = createAgent("online");
        assertExactly(remove(admin, "supervisor", ag.id()), 400, INVALID_TYPE);
        assertThat(listed("agent", ag.username())).containsExactly(ag.id());
    }

    @Test
    void registering_removing_and_registering_again_lists_the_agent_once() {
        TestUser ag = createAgent("online");
        assertExactly(remove(admin, "agent", ag.id()), 200, OK);
        assertThat(admin.post("livechat/users/agent", Map.of("username", ag.username())).status()).isEqualTo(200);
        assertThat(listed("agent", ag.username())).containsExactly(ag.id());
        assertThat(one(admin, "agent", ag.id()).json().at("/user/statusLivechat").asText()).isEqualTo("available");
    }
}
