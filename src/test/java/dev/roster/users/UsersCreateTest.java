package dev.roster.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** POST users.create (contract §4, §9). */
class UsersCreateTest extends ServerTest {
    private static final String USER_ID = "[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}";
    private static final String USER_NOT_FOUND = "{\"success\":false,\"error\":\"User not found.\"}";

    /** A complete, valid users.create body for a new username. */
    private static Map<String, Object> body(String username) {
        return Api.map("username", username, "email", username.toLowerCase() + "@create.example.com",
                "name", "Name " + username, "password", "pw-" + username);
    }

    private static Map<String, Object> with(Map<String, Object> body, Object... keysAndValues) {
        Map<String, Object> copy = Api.map();
        copy.putAll(body);
        copy.putAll(Api.map(keysAndValues));
        return copy;
    }

    private static String fieldUnavailable(String value) {
        return "{\"success\":false,\"error\":\"" + value + " is already in use :( [error-field-unavailable]\","
                + "\"errorType\":\"error-field-unavailable\"}";
    }

    private static void assertNoSuchUser(String username) {
        assertExactly(admin.get("users.info", Map.of("username", username)), 400, USER_NOT_FOUND);
    }

    @Test
    void creating_a_user_answers_the_user_with_a_17_character_id_and_no_password_data() {
        String username = uniqueName("c");
        Map<String, Object> b = body(username);
        Api.Res res = admin.post("users.create", b);
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().get("success").asBoolean()).isTrue();
        assertThat(res.json().at("/user/_id").asText()).matches(USER_ID);
        assertThat(res.json().at("/user/username").asText()).isEqualTo(username);
        assertThat(res.json().at("/user/name").asText()).isEqualTo("Name " + username);
        assertThat(res.json().at("/user/emails")).isEqualTo(json(
                "[{\"address\":\"" + b.get("email") + "\",\"verified\":false}]"));
        assertThat(res.json().get("user").has("services")).isFalse();
        assertThat(res.text()).doesNotContain((String) b.get("password")).doesNotContain("bcrypt").doesNotContain("$2");
    }

    @Test
    void the_new_user_can_log_in_with_its_password() {
        String username = uniqueName("c");
        Api.Res res = admin.post("users.create", body(username));
        assertThat(res.status()).isEqualTo(200);
        Api session = anonymous.login(username, "pw-" + username);
        assertThat(session.userId()).isEqualTo(res.json().at("/user/_id").asText());
        assertThat(session.get("me").json().get("username").asText()).isEqualTo(username);
    }

    @Test
    void each_missing_required_field_is_400_must_have_required_property() {
        for (String field : List.of("username", "email", "name", "password")) {
            Map<String, Object> b = body(uniqueName("c"));
            b.remove(field);
            assertExactly(admin.post("users.create", b), 400, invalidParams("must have required property '" + field + "'"));
        }
    }

    @Test
    void an_unknown_key_is_400_additional_properties_and_creates_nothing() {
        String username = uniqueName("c");
        assertExactly(admin.post("users.create", with(body(username), "nickname", "x")), 400,
                invalidParams("must NOT have additional properties"));
        assertNoSuchUser(username);
    }

    @Test
    void a_non_string_where_a_string_is_expected_is_400_must_be_string() {
        for (String field : List.of("username", "email", "name", "password")) {
            for (Object wrong : new Object[] {12345, null, true, List.of("a"), Map.of("a", 1)}) {
                assertExactly(admin.post("users.create", with(body(uniqueName("c")), field, wrong)), 400,
                        invalidParams("must be string"));
            }
        }
    }

    @Test
    void a_string_where_a_boolean_is_expected_is_400_must_be_boolean() {
        for (String field : List.of("active", "verified", "requirePasswordChange", "joinDefaultChannels",
                "sendWelcomeEmail", "setRandomPassword")) {
            String username = uniqueName("c");
            assertExactly(admin.post("users.create", with(body(username), field, "true")), 400,
                    invalidParams("must be boolean"));
            assertNoSuchUser(username);
        }
    }

    @Test
    void roles_that_are_not_an_array_of_strings_are_400() {
        assertExactly(admin.post("users.create", with(body(uniqueName("c")), "roles", "user")), 400,
                invalidParams("must be array"));
        assertExactly(admin.post("users.create", with(body(uniqueName("c")), "roles", List.of("user", 7))), 400,
                invalidParams("must be string"));
    }

    @Test
    void a_duplicate_username_is_400_field_unavailable() {
        TestUser existing = createUser();
        Map<String, Object> b = with(body(uniqueName("c")), "username", existing.username());
        assertExactly(admin.post("users.create", b), 400, fieldUnavailable(existing.username()));
    }

    @Test
    void a_duplicate_email_is_400_field_unavailable_and_creates_nothing() {
        TestUser existing = createUser();
        String username = uniqueName("c");
        assertExactly(admin.post("users.create", with(body(username), "email", existing.email())), 400,
                fieldUnavailable(existing.email()));
        assertNoSuchUser(username);
    }

    @Test
    void a_username_taken_in_another_case_is_400_field_unavailable() {
        TestUser existing = createNamedUser(uniqueName("Case"), null);
        String upper = existing.username().toUpperCase();
        assertExactly(admin.post("users.create", with(body(uniqueName("c")), "username", upper)), 400, fieldUnavailable(upper));
        assertNoSuchUser(upper);
    }

    @Test
    void an_email_taken_in_another_case_is_400_field_unavailable() {
        TestUser existing = createUser();
        String upper = existing.email().toUpperCase();
        String username = uniqueName("c");
        assertExactly(admin.post("users.create", with(body(username), "email", upper)), 400, fieldUnavailable(upper));
        assertNoSuchUser(username);
    }

    @Test
    void a_username_outside_the_allowed_characters_is_400_and_creates_nothing() {
        for (String bad : List.of("bad name" + uniqueName("x"), "bad!" + uniqueName("x"), "bad@" + uniqueName("x"),
                "bäd" + uniqueName("x"), "bad/" + uniqueName("x"))) {
            Map<String, Object> b = with(body(uniqueName("c")), "username", bad);
            Api.Res res = admin.post("users.create", b);
            assertThat(res.status()).as("%s: %s", bad, res).isEqualTo(400);
            assertThat(res.json().get("success").asBoolean()).isFalse();
            assertNoSuchUser(bad);
        }
    }

    @Test
    void a_username_with_dash_underscore_and_dot_is_accepted_and_logs_in() {
        String username = "a-b_c." + uniqueName("d");
        Api.Res res = admin.post("users.create", body(username));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(anonymous.login(username, "pw-" + username).userId()).isEqualTo(res.json().at("/user/_id").asText());
    }

    @Test
    void an_unknown_role_is_400_error_invalid_role_and_creates_nothing() {
        String username = uniqueName("c");
        Api.Res res = admin.post("users.create", with(body(username), "roles", List.of("user", "no-such-role")));
        assertThat(res.status()).as("%s", res).isEqualTo(400);
        assertThat(res.json().get("success").asBoolean()).isFalse();
        assertThat(res.json().get("errorType").asText()).isEqualTo("error-invalid-role");
        assertNoSuchUser(username);
    }

    @Test
    void without_roles_a_new_user_has_the_roles_user() {
        String username = uniqueName("c");
        Api.Res res = admin.post("users.create", body(username));
        assertThat(res.json().at("/user/roles")).isEqualTo(json("[\"user\"]"));
        Api session = anonymous.login(username, "pw-" + username);
        assertThat(session.get("me").json().get("roles")).isEqualTo(json("[\"user\"]"));
    }

    @Test
    void the_given_roles_are_kept() {
        String username = uniqueName("c");
        Api.Res res = admin.post("users.create", with(body(username), "roles", List.of("user", "livechat-manager")));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().at("/user/roles")).containsExactlyInAnyOrder(
                json("\"user\""), json("\"livechat-manager\""));
    }

    @Test
    void a_new_user_is_offline() {
        String username = uniqueName("c");
        Api.Res res = admin.post("users.create", body(username));
        assertThat(res.json().at("/user/status").asText()).isEqualTo("offline");
        assertThat(admin.get("users.info", Map.of("username", username)).json().at("/user/status").asText())
                .isEqualTo("offline");
    }

    @Test
    void a_caller_without_create_user_is_403_and_creates_nothing() {
        Api plain = loginAs(createUser());
        String username = uniqueName("c");
        assertExactly(plain.post("users.create", body(username)), 403, FORBIDDEN_ROUTE);
        assertNoSuchUser(username);
    }

    @Test
    void a_caller_without_create_user_gets_403_before_validation() {
        Api agent = loginAs(createUser("livechat-agent"));
        assertExactly(agent.postRaw("users.create", "{not json", "application/json"), 403, FORBIDDEN_ROUTE);
        assertExactly(agent.post("users.create", Map.of("username", 5)), 403, FORBIDDEN_ROUTE);
    }

    @Test
    void unauthenticated_is_401_and_creates_nothing() {
        String username = uniqueName("c");
        assertExactly(anonymous.post("users.create", body(username)), 401, UNAUTHENTICATED);
        assertExactly(anonymous.as(admin.userId(), "not-a-token").post("users.create", body(username)), 401, UNAUTHENTICATED);
        assertNoSuchUser(username);
    }

    @Test
    void a_manager_allowed_to_create_users_cannot_create_an_admin() {
        Api manager = loginAs(createUser("user", "livechat-manager"));
        setPermissionRoles("create-user", List.of("admin", "livechat-manager"));
        try {
            String username = uniqueName("c");
            assertExactly(manager.post("users.create", with(body(username), "roles", List.of("user", "admin"))), 400, """
                    {"success":false,"error":"Assigning admin is not allowed [error-action-not-allowed]",
                     "errorType":"error-action-not-allowed",
                     "details":{"method":"insertOrUpdateUser","action":"Assign_admin"}}""");
            assertNoSuchUser(username);
            String plainUser = uniqueName("c");
            assertThat(manager.post("users.create", body(plainUser)).status()).isEqualTo(200);
        } finally {
            setPermissionRoles("create-user", List.of("admin"));
        }
    }

    @Test
    void the_admin_may_create_another_admin() {
        String username = uniqueName("c");
        Api.Res res = admin.post("users.create", with(body(username), "roles", List.of("user", "admin")));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        Api session = anonymous.login(username, "pw-" + username);
        assertThat(session.get("me").json().get("roles")).contains(json("\"admin\""));
        // leave a single active admin behind for the other tests
        assertThat(admin.post("users.delete", Map.of("userId", res.json().at("/user/_id").asText())).status()).isEqualTo(200);
    }

    @Test
    void every_optional_key_is_accepted() {
        String username = uniqueName("c");
        Map<String, Object> b = with(body(username), "active", true, "roles", List.of("user"), "verified", true,
                "requirePasswordChange", false, "joinDefaultChannels", false, "sendWelcomeEmail", false,
                "setRandomPassword", false);
        Api.Res res = admin.post("users.create", b);
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().at("/user/emails/0/verified").asBoolean()).isTrue();
        assertThat(res.json().at("/user/active").asBoolean()).isTrue();
        assertThat(res.text()).doesNotContain((String) b.get("password"));
        assertThat(anonymous.login(username, "pw-" + username).userId()).isEqualTo(res.json().at("/user/_id").asText());
    }

    @Test
    void a_user_created_inactive_cannot_log_in() {
        String username = uniqueName("c");
        Api.Res res = admin.post("users.create", with(body(username), "active", false));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().at("/user/active").asBoolean()).isFalse();
        Api.Res login = anonymous.post("login", Map.of("user", username, "password", "pw-" + username));
        assertThat(login.status()).as("%s", login).isEqualTo(401);
        assertThat(login.json().get("success").asBoolean()).isFalse();
    }

    @Test
    void set_random_password_replaces_the_given_password() {
        String username = uniqueName("c");
        assertThat(admin.post("users.create", with(body(username), "setRandomPassword", true)).status()).isEqualTo(200);
        assertExactly(anonymous.post("login", Map.of("user", username, "password", "pw-" + username)), 401,
                "{\"success\":false,\"status\":\"error\",\"error\":\"Unauthorized\",\"message\":\"Incorrect password\"}");
    }

    private static void setPermissionRoles(String permission, List<String> roles) {
        Api.Res res = admin.post("permissions.update", Map.of("permissions", List.of(Map.of("_id", permission, "roles", roles))));
        assertThat(res.status()).as("permissions.update: %s", res).isEqualTo(200);
    }

    @Test
    void simultaneous_creates_of_one_username_make_one_user_and_refuse_the_rest() throws Exception {
        String username = uniqueName("race");
        int n = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<Api.Res>> results = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Map<String, Object> b = with(body(username), "email", username + "-" + i + "@race.example.com");
                results.add(pool.submit(() -> {
                    start.await();
                    return admin.post("users.create", b);
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<Api.Res> f : results) {
                Api.Res res = f.get();
                if (res.status() == 200) created++;
                else assertExactly(res, 400, fieldUnavailable(username));
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(admin.get("users.list", Map.of("text", username, "count", "0")).json().get("total").asInt()).isEqualTo(1);
    }
}
