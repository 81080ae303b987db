package dev.roster.omnichannel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET livechat/users/:type, the staff list (contract §2 and the search rules of §9). */
class ListStaffTest extends ServerTest {
    private static final int BULK = 101;
    /** A name prefix shared only by the BULK agents, and their ids in name order. */
    private static String bulkTag;
    private static List<String> bulkIds;

    @BeforeAll
    static void createMoreThanOnePageOfAgents() throws Exception {
        bulkTag = tok();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TestUser>> made = new ArrayList<>();
            for (int i = 0; i < BULK; i++) {
                String name = bulkTag + " n" + String.format("%03d", i);
                made.add(pool.submit(() -> staff("agent", uniqueName("b"), name, null)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<TestUser> f : made) ids.add(f.get().id());
            bulkIds = List.copyOf(ids);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** A token found in no username or email: names carry it, so a search for it matches names only. */
    private static String tok() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Creates a user with this username, name and email (default: username@example.com) and registers it. */
    private static TestUser staff(String type, String username, String name, String email) {
        String address = email != null ? email : username.toLowerCase() + "@example.com";
        Api.Res res = admin.post("users.create", Api.map("username", username, "email", address, "name", name,
                "password", "pw-" + username, "roles", List.of("user")));
        assertThat(res.status()).as("users.create %s: %s", username, res).isEqualTo(200);
        TestUser u = new TestUser(res.json().at("/user/_id").asText(), username, name, address, "pw-" + username);
        assertThat(admin.post("livechat/users/" + type, Map.of("username", username)).status()).isEqualTo(200);
        return u;
    }

    private static TestUser agentNamed(String name) {
        return staff("agent", uniqueName("u"), name, null);
    }

    /** An agent with this name whose presence was set before it became an agent. */
    private static TestUser agentNamed(String name, String presence) {
        TestUser u = createNamedUser(uniqueName("u"), name);
        assertThat(admin.post("users.setStatus", Map.of("userId", u.id(), "status", presence)).status()).isEqualTo(200);
        assertThat(admin.post("livechat/users/agent", Map.of("username", u.username())).status()).isEqualTo(200);
        return u;
    }

    private static Map<String, String> q(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put(keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    private static Api.Res list(Api api, String type, Map<String, String> query) {
        return api.get("livechat/users/" + type, query);
    }

    /** The ids of every match (count=0), after checking the call succeeded. */
    private static List<String> idsOf(String type, String... query) {
        Map<String, String> params = q(query);
        params.put("count", "0");
        Api.Res res = list(admin, type, params);
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return ids(res);
    }

    private static List<String> ids(Api.Res res) {
        List<String> ids = new ArrayList<>();
        res.json().get("users").forEach(u -> ids.add(u.get("_id").asText()));
        return ids;
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String invalidSort(String raw) {
        ObjectNode body = Api.JSON.createObjectNode();
        body.put("success", false);
        body.put("error", "Invalid sort parameter provided: \"" + raw + "\" [error-invalid-sort]");
        body.put("errorType", "error-invalid-sort");
        return body.toString();
    }

    /** Checks that a search for P + literal + "z" finds the name holding it and none of the decoys. */
    private static void assertLiteral(String literal, String... decoys) {
        String p = tok();
        TestUser wanted = agentNamed("N " + p + literal + "z");
        for (String decoy : decoys) agentNamed("N " + p + decoy + "z");
        assertThat(idsOf("agent", "text", p + literal + "z")).as("text %s", literal).containsExactly(wanted.id());
    }

    // ---- shape ---------------------------------------------------------------------------------------------

    @Test
    void the_list_has_exactly_users_count_offset_total_and_success() {
        String p = tok();
        agentNamed(p + " a");
        agentNamed(p + " b");
        Api.Res res = list(admin, "agent", q("text", p));
        assertThat(res.status()).isEqualTo(200);
        assertThat(keys(res.json())).containsExactlyInAnyOrder("users", "count", "offset", "total", "success");
        assertThat(res.json().get("count").asInt()).isEqualTo(2);
        assertThat(res.json().get("offset").asInt()).isZero();
        assertThat(res.json().get("total").asInt()).isEqualTo(2);
        assertThat(res.json().get("success").asBoolean()).isTrue();
    }

    @Test
    void a_list_item_has_exactly_the_contract_keys_and_values() {
        String p = tok();
        TestUser u = agentNamed(p + " Item", "online");
        JsonNode item = list(admin, "agent", q("text", p)).json().at("/users/0");
        assertThat(keys(item)).containsExactlyInAnyOrder(
                "_id", "username", "name", "status", "statusLivechat", "emails", "livechat", "departments");
        assertThat(item.get("_id").asText()).isEqualTo(u.id());
        assertThat(item.get("username").asText()).isEqualTo(u.username());
        assertThat(item.get("name").asText()).isEqualTo(u.name());
        assertThat(item.get("status").asText()).isEqualTo("online");
        assertThat(item.get("statusLivechat").asText()).isEqualTo("available");
        assertThat(item.get("emails")).hasSize(1);
        assertThat(keys(item.at("/emails/0"))).containsExactlyInAnyOrder("address", "verified");
        assertThat(item.at("/emails/0/address").asText()).isEqualTo(u.email());
        assertThat(item.at("/emails/0/verified").isBoolean()).isTrue();
        assertThat(item.get("livechat").isNull() || item.get("livechat").isObject()).isTrue();
        assertThat(item.get("departments")).isEqualTo(json("[]"));
    }

    @Test
    void a_manager_list_item_has_the_same_keys() {
        String p = tok();
        staff("manager", uniqueName("m"), p + " Boss", null);
        JsonNode item = list(admin, "manager", q("text", p)).json().at("/users/0");
        assertThat(keys(item)).containsExactlyInAnyOrder(
                "_id", "username", "name", "status", "statusLivechat", "emails", "livechat", "departments");
    }

    // ---- text search ---------------------------------------------------------------------------------------

    @Test
    void text_matches_the_username_case_insensitively() {
        String p = tok();
        TestUser u = staff("agent", "ab" + p + "cd", "Plain Name", "m" + tok() + "@example.org");
        assertThat(idsOf("agent", "text", p.toUpperCase())).containsExactly(u.id());
    }

    @Test
    void text_matches_the_name_case_insensitively() {
        String p = tok();
        TestUser u = agentNamed("Person " + p.toUpperCase() + " Smith");
        assertThat(idsOf("agent", "text", "SON " + p + " sm")).containsExactly(u.id());
    }

    @Test
    void text_matches_an_email_address_case_insensitively() {
        String p = tok();
        TestUser u = staff("agent", uniqueName("u"), "Mail Only", p + "@mail.example.org");
        assertThat(idsOf("agent", "text", p.toUpperCase() + "@MAIL.EXAMPLE")).containsExactly(u.id());
    }

    @Test
    void text_that_matches_nothing_is_an_empty_page() {
        assertExactly(list(admin, "agent", q("text", tok())), 200,
                "{\"users\":[],\"count\":0,\"offset\":0,\"total\":0,\"success\":true}");
    }

    @Test
    void a_search_for_dot_star_does_not_match_everything() {
        TestUser dotStar = agentNamed("Dot " + tok() + ".*end");
        TestUser plain = agentNamed("Dot " + tok() + "end");
        Api.Res res = list(admin, "agent", q("text", ".*", "count", "0"));
        assertThat(ids(res)).contains(dotStar.id()).doesNotContain(plain.id());
        res.json().get("users").forEach(u -> assertThat(u.get("name").asText()).contains(".*"));
        assertThat(res.json().get("total").asInt()).isLessThan(list(admin, "agent", q()).json().get("total").asInt());
    }

    @Test
    void percent_is_literal() {
        assertLiteral("%", "", "ab");
    }

    @Test
    void underscore_is_literal() {
        assertLiteral("_", "a", "");
    }

    @Test
    void dot_is_literal() {
        assertLiteral(".", "a", "");
    }

    @Test
    void star_is_literal() {
        assertLiteral("a*", "", "aa", "aXY");
    }

    @Test
    void a_bracket_is_literal() {
        assertLiteral("[ab]", "a", "b");
        assertLiteral("[", "");
    }

    @Test
    void a_backslash_is_literal() {
        assertLiteral("\\%", "%", "\\ab");
        assertLiteral("\\_", "_", "\\a");
    }

    @Test
    void an_exclamation_mark_is_literal() {
        assertLiteral("!%", "%", "!ab");
        assertLiteral("!!", "!");
    }

    @Test
    void text_folds_case_beyond_ascii() {
        String p = tok();
        TestUser apfel = agentNamed("N " + p + "äpfel");
        TestUser omega = agentNamed("N " + p + "ωmega");
        agentNamed("N " + p + "apfel");
        assertThat(idsOf("agent", "text", p + "ÄPFEL")).containsExactly(apfel.id());
        assertThat(idsOf("agent", "text", p + "Ωm")).containsExactly(omega.id());
        TestUser upper = agentNamed("N " + p + "ÖLΣ");
        assertThat(idsOf("agent", "text", p + "öl")).containsExactly(upper.id());
        assertThat(idsOf("agent", "text", p + "ölσ")).containsExactly(upper.id());
    }

    // ---- pagination ----------------------------------------------------------------------------------------

    @Test
    void pages_follow_the_default_name_order_without_overlap() {
        String p = tok();
        Map<Integer, String> made = new LinkedHashMap<>();
        for (int i : new int[] {3, 1, 5, 2, 4}) made.put(i, agentNamed(p + " n" + i).id());
        List<String> seen = new ArrayList<>();
        for (int offset : new int[] {0, 2, 4}) {
            Api.Res res = list(admin, "agent", q("text", p, "count", "2", "offset", String.valueOf(offset)));
            assertThat(res.json().get("offset").asInt()).isEqualTo(offset);
            assertThat(res.json().get("total").asInt()).isEqualTo(5);
            assertThat(res.json().get("count").asInt()).isEqualTo(res.json().get("users").size());
            seen.addAll(ids(res));
        }
        assertThat(seen).containsExactly(made.get(1), made.get(2), made.get(3), made.get(4), made.get(5));
    }

    @Test
    void agents_with_the_same_name_are_paged_once_each_in_id_order() {
        String name = "Same " + tok();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) made.add(agentNamed(name).id());
        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 6; offset += 2) {
            seen.addAll(ids(list(admin, "agent", q("text", name, "count", "2", "offset", String.valueOf(offset)))));
        }
        assertThat(seen).containsExactlyElementsOf(made.stream().sorted().toList());
    }

    @Test
    void ties_under_a_descending_sort_are_also_paged_once_each_and_stably() {
        String name = "Tie " + tok();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) made.add(agentNamed(name).id());
        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 6; offset += 2) {
            seen.addAll(ids(list(admin, "agent",
                    q("text", name, "sort", "{\"name\":-1}", "count", "2", "offset", String.valueOf(offset)))));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(made);
        assertThat(seen).containsExactlyElementsOf(idsOf("agent", "text", name, "sort", "{\"name\":-1}"));
    }

    @Test
    void without_count_a_page_holds_50() {
        Api.Res res = list(admin, "agent", q("text", bulkTag));
        assertThat(res.json().get("total").asInt()).isEqualTo(BULK);
        assertThat(res.json().get("count").asInt()).isEqualTo(50);
        assertThat(ids(res)).containsExactlyElementsOf(bulkIds.subList(0, 50));
    }

    @Test
    void count_above_100_is_capped_at_100() {
        Api.Res res = list(admin, "agent", q("text", bulkTag, "count", "500"));
        assertThat(res.json().get("total").asInt()).isEqualTo(BULK);
        assertThat(res.json().get("count").asInt()).isEqualTo(100);
        assertThat(ids(res)).containsExactlyElementsOf(bulkIds.subList(0, 100));
    }

    @Test
    void count_0_returns_every_match() {
        Api.Res res = list(admin, "agent", q("text", bulkTag, "count", "0"));
        assertThat(res.json().get("total").asInt()).isEqualTo(BULK);
        assertThat(res.json().get("count").asInt()).isEqualTo(BULK);
        assertThat(ids(res)).containsExactlyElementsOf(bulkIds);
    }

    @Test
    void the_last_page_holds_what_is_left() {
        Api.Res res = list(admin, "agent", q("text", bulkTag, "count", "50", "offset", "100"));
        assertThat(res.json().get("offset").asInt()).isEqualTo(100);
        assertThat(res.json().get("count").asInt()).isEqualTo(1);
        assertThat(ids(res)).containsExactly(bulkIds.get(100));
    }

    @Test
    void an_offset_past_the_end_is_an_empty_page_with_the_total() {
        assertExactly(list(admin, "agent", q("text", bulkTag, "offset", "500")), 200,
                "{\"users\":[],\"count\":0,\"offset\":500,\"total\":" + BULK + ",\"success\":true}");
    }

    // ---- query validation ----------------------------------------------------------------------------------

    @Test
    void a_negative_offset_or_count_is_400_must_be_at_least_0() {
        assertExactly(list(admin, "agent", q("offset", "-1")), 400, invalidParams("must be >= 0"));
        assertExactly(list(admin, "agent", q("count", "-5")), 400, invalidParams("must be >= 0"));
    }

    @Test
    void a_count_that_is_not_a_number_is_400_must_be_number() {
        assertExactly(list(admin, "agent", q("count", "ten")), 400, invalidParams("must be number"));
        assertExactly(list(admin, "agent", q("offset", "ten")), 400, invalidParams("must be number"));
    }

    @Test
    void an_unknown_query_key_is_400_additional_properties() {
        assertExactly(list(admin, "agent", q("foo", "bar")), 400, invalidParams("must NOT have additional properties"));
        assertExactly(list(admin, "manager", q("foo", "bar")), 400, invalidParams("must NOT have additional properties"));
    }

    @Test
    void a_repeated_query_key_is_400_invalid_params() {
        Api.Res res = admin.get("livechat/users/agent?count=1&count=2");
        assertThat(res.status()).as("%s", res).isEqualTo(400);
        assertThat(keys(res.json())).containsExactlyInAnyOrder("success", "error", "errorType");
        assertThat(res.json().get("success").asBoolean()).isFalse();
        assertThat(res.json().get("errorType").asText()).isEqualTo("invalid-params");
        assertThat(res.json().get("error").asText()).endsWith(" [invalid-params]");
    }

    // ---- sort ----------------------------------------------------------------------------------------------

    @Test
    void sort_orders_by_username_or_name_in_either_direction() {
        String p = tok();
        // usernames u1..u4 with names ranked 3, 1, 4, 2
        TestUser u1 = staff("agent", p + "u1", p + " n3", null);
        TestUser u2 = staff("agent", p + "u2", p + " n1", null);
        TestUser u3 = staff("agent", p + "u3", p + " n4", null);
        TestUser u4 = staff("agent", p + "u4", p + " n2", null);
        assertThat(idsOf("agent", "text", p, "sort", "{\"username\":-1}")).containsExactly(u4.id(), u3.id(), u2.id(), u1.id());
        assertThat(idsOf("agent", "text", p, "sort", "{\"username\":1}")).containsExactly(u1.id(), u2.id(), u3.id(), u4.id());
        assertThat(idsOf("agent", "text", p, "sort", "{\"name\":1}")).containsExactly(u2.id(), u4.id(), u1.id(), u3.id());
        assertThat(idsOf("agent", "text", p, "sort", "{\"name\":-1}")).containsExactly(u3.id(), u1.id(), u4.id(), u2.id());
        assertThat(idsOf("agent", "text", p)).containsExactly(u2.id(), u4.id(), u1.id(), u3.id());
    }

    @Test
    void a_multi_key_sort_applies_its_keys_in_order() {
        String p = tok();
        TestUser u1 = staff("agent", p + "u1", p + " b", null);
        TestUser u2 = staff("agent", p + "u2", p + " a", null);
        TestUser u3 = staff("agent", p + "u3", p + " a", null);
        assertThat(idsOf("agent", "text", p, "sort", "{\"name\":1,\"username\":-1}")).containsExactly(u3.id(), u2.id(), u1.id());
        assertThat(idsOf("agent", "text", p, "sort", "{\"name\":-1,\"username\":1}")).containsExactly(u1.id(), u2.id(), u3.id());
    }

    @Test
    void an_invalid_sort_is_400_error_invalid_sort_echoing_the_raw_value() {
        for (String raw : List.of("notjson", "{\"username\":2}", "{\"nosuchfield\":1}", "{\"name\":\"asc\"}", "[1]")) {
            assertExactly(list(admin, "agent", q("sort", raw)), 400, invalidSort(raw));
        }
        assertExactly(list(admin, "manager", q("sort", "notjson")), 400, invalidSort("notjson"));
    }

    // ---- agent filters -------------------------------------------------------------------------------------

    @Test
    void only_available_keeps_agents_whose_status_livechat_is_available() {
        String p = tok();
        TestUser on = agentNamed(p + " on", "online");
        TestUser off = agentNamed(p + " off", "offline");
        TestUser paused = agentNamed(p + " paused", "online");
        assertThat(admin.post("livechat/agent.status", Map.of("agentId", paused.id(), "status", "not-available")).status()).isEqualTo(200);
        assertThat(idsOf("agent", "text", p, "onlyAvailable", "true")).containsExactly(on.id());
        assertThat(idsOf("agent", "text", p, "onlyAvailable", "false")).containsExactlyInAnyOrder(on.id(), off.id(), paused.id());
    }

    @Test
    void exclude_id_drops_that_agent() {
        String p = tok();
        TestUser a = agentNamed(p + " a");
        TestUser b = agentNamed(p + " b");
        assertThat(idsOf("agent", "text", p, "excludeId", a.id())).containsExactly(b.id());
    }

    @Test
    void show_idle_agents_false_drops_offline_agents() {
        String p = tok();
        TestUser on = agentNamed(p + " on", "online");
        TestUser away = agentNamed(p + " away", "away");
        TestUser off = agentNamed(p + " off", "offline");
        assertThat(idsOf("agent", "text", p, "showIdleAgents", "false")).containsExactlyInAnyOrder(on.id(), away.id());
        assertThat(idsOf("agent", "text", p, "showIdleAgents", "true")).containsExactlyInAnyOrder(on.id(), away.id(), off.id());
        assertThat(idsOf("agent", "text", p)).containsExactlyInAnyOrder(on.id(), away.id(), off.id());
    }

    @Test
    void the_manager_list_accepts_and_ignores_the_agent_only_parameters() {
        String p = tok();
        TestUser m = staff("manager", uniqueName("m"), p + " Boss", null);
        assertThat(idsOf("manager", "text", p, "onlyAvailable", "true", "excludeId", m.id(), "showIdleAgents", "false"))
                .containsExactly(m.id());
    }

    // ---- permissions and type ------------------------------------------------------------------------------

    @Test
    void an_agent_may_list_agents_but_not_managers() {
        Api agent = loginAs(createAgent("online"));
        assertThat(list(agent, "agent", q("count", "1")).status()).isEqualTo(200);
        assertExactly(list(agent, "manager", q()), 403, FORBIDDEN);
    }

    @Test
    void a_plain_user_may_list_neither() {
        Api plain = loginAs(createUser());
        assertExactly(list(plain, "agent", q()), 403, FORBIDDEN);
        assertExactly(list(plain, "manager", q()), 403, FORBIDDEN);
    }

    @Test
    void a_monitor_and_a_manager_may_list_both() {
        for (String role : List.of("livechat-monitor", "livechat-manager")) {
            Api caller = loginAs(createUser("user", role));
            assertThat(list(caller, "agent", q("count", "1")).status()).as(role).isEqualTo(200);
            assertThat(list(caller, "manager", q("count", "1")).status()).as(role).isEqualTo(200);
        }
    }

    @Test
    void without_credentials_the_list_is_401() {
        assertExactly(list(anonymous, "agent", q()), 401, UNAUTHENTICATED);
        assertExactly(list(anonymous, "manager", q()), 401, UNAUTHENTICATED);
    }

    @Test
    void an_unknown_type_is_400_invalid_type() {
        assertExactly(list(admin, "supervisor", q()), 400, INVALID_TYPE);
    }
}
