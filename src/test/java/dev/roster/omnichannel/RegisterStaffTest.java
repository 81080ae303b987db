package dev.roster.omnichannel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** POST livechat/users/:type, the register call (contract §2). */
class RegisterStaffTest extends ServerTest {

    private static Api.Res listByText(String type, String text) {
        return admin.get("livechat/users/" + type, Map.of("text", text, "count", "100"));
    }

    @Test
    void registering_an_agent_answers_exactly_id_and_username() {
        TestUser u = createUser();
        assertExactly(admin.post("livechat/users/agent", Map.of("username", u.username())), 200,
                "{\"user\":{\"_id\":\"" + u.id() + "\",\"username\":\"" + u.username() + "\"},\"success\":true}");
        assertThat(listByText("agent", u.username()).json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void registering_a_manager_lists_it_as_manager_only() {
        TestUser u = createUser();
        assertThat(admin.post("livechat/users/manager", Map.of("username", u.username())).status()).isEqualTo(200);
        assertThat(listByText("manager", u.username()).json().get("total").asInt()).isEqualTo(1);
        assertThat(listByText("agent", u.username()).json().get("total").asInt()).isZero();
    }

    @Test
    void registering_twice_is_idempotent_and_keeps_the_status() {
        TestUser u = createAgent("online");
        assertThat(admin.post("livechat/agent.status", Map.of("agentId", u.id(), "status", "not-available")).status()).isEqualTo(200);
        Api.Res again = admin.post("livechat/users/agent", Map.of("username", u.username()));
        assertThat(again.status()).isEqualTo(200);
        Api.Res listed = listByText("agent", u.username());
        assertThat(listed.json().get("total").asInt()).isEqualTo(1);
        assertThat(listed.json().at("/users/0/statusLivechat").asText()).isEqualTo("not-available");
    }

    @Test
    void registering_an_unknown_username_is_400_error_invalid_user() {
        assertExactly(admin.post("livechat/users/agent", Map.of("username", "nobody-here")), 400, INVALID_USER);
    }

    @Test
    void the_username_is_matched_exactly_not_case_insensitively() {
        TestUser u = createNamedUser(uniqueName("Mixed"), null);
        assertExactly(admin.post("livechat/users/agent", Map.of("username", u.username().toLowerCase())), 400, INVALID_USER);
    }

    @Test
    void an_unknown_type_is_400_invalid_type() {
        TestUser u = createUser();
        assertExactly(admin.post("livechat/users/supervisor", Map.of("username", u.username())), 400, INVALID_TYPE);
    }

    @Test
    void a_body_without_username_is_400_required_property() {
        assertExactly(admin.post("livechat/users/agent", Map.of()), 400, invalidParams("must have required property 'username'"));
    }

    @Test
    void an_extra_key_is_400_additional_properties_and_registers_nothing() {
        TestUser u = createUser();
        assertExactly(admin.post("livechat/users/agent", Map.of("username", u.username(), "department", "x")), 400,
                invalidParams("must NOT have additional properties"));
        assertThat(listByText("agent", u.username()).json().get("total").asInt()).isZero();
    }

    @Test
    void a_username_that_is_not_a_string_is_400_must_be_string() {
        for (String body : List.of("{\"username\":12345}", "{\"username\":null}", "{\"username\":true}",
                "{\"username\":[\"a\"]}", "{\"username\":{\"a\":1}}")) {
            assertExactly(admin.postRaw("livechat/users/agent", body, "application/json"), 400, invalidParams("must be string"));
        }
    }

    @Test
    void malformed_json_is_400_after_authentication() {
        assertExactly(admin.postRaw("livechat/users/agent", "{\"username\": \"abc\"", "application/json"), 400,
                "{\"success\":false,\"error\":\"Malformed JSON body [invalid-params]\",\"errorType\":\"invalid-params\"}");
        assertExactly(admin.postRaw("livechat/users/agent", "{\"username\":\"a\"} x", "application/json"), 400,
                "{\"success\":false,\"error\":\"Malformed JSON body [invalid-params]\",\"errorType\":\"invalid-params\"}");
    }

    @Test
    void unauthenticated_with_a_bad_body_is_401() {
        assertExactly(anonymous.postRaw("livechat/users/agent", "{not json", "application/json"), 401, UNAUTHENTICATED);
    }

    @Test
    void authenticated_without_the_permission_and_a_bad_body_is_403() {
        Api plain = loginAs(createUser());
        assertExactly(plain.postRaw("livechat/users/agent", "{not json", "application/json"), 403, FORBIDDEN_ROUTE);
        assertExactly(plain.post("livechat/users/agent", Map.of("username", createUser().username())), 403, FORBIDDEN_ROUTE);
    }

    @Test
    void a_new_agent_is_available_when_online_and_not_available_when_offline() {
        TestUser on = createAgent("online");
        TestUser off = createAgent("offline");
        assertThat(admin.get("livechat/users/agent/" + on.id()).json().at("/user/statusLivechat").asText()).isEqualTo("available");
        assertThat(admin.get("livechat/users/agent/" + off.id()).json().at("/user/statusLivechat").asText()).isEqualTo("not-available");
    }

    @Test
    void fifty_simultaneous_registrations_of_one_user_all_succeed_and_list_it_once() throws Exception {
        TestUser u = createUser();
        int n = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(() -> {
                start.await();
                return admin.post("livechat/users/agent", Map.of("username", u.username())).status();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> c : calls) results.add(pool.submit(c));
            start.countDown();
            for (Future<Integer> f : results) assertThat(f.get()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        Api.Res listed = listByText("agent", u.username());
        assertThat(listed.json().get("total").asInt()).isEqualTo(1);
        assertThat(listed.json().get("users")).hasSize(1);
    }
}
