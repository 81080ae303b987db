package dev.roster.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** GET users.info and GET users.list (contract §4, §9). */
class UsersInfoAndListTest extends ServerTest {
    private static final String USER_NOT_FOUND = "{\"success\":false,\"error\":\"User not found.\"}";

    private static List<String> ids(Api.Res res) {
        List<String> ids = new ArrayList<>();
        res.json().get("users").forEach(u -> ids.add(u.get("_id").asText()));
        return ids;
    }

    private static long total() {
        return admin.get("users.list", Map.of("count", "1")).json().get("total").asLong();
    }

    /** Creates users, several at a time, until the server holds at least {@code atLeast} of them. */
    private static void ensureUsers(long atLeast) throws Exception {
        long missing = atLeast - total();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TestUser>> made = new ArrayList<>();
            for (long i = 0; i < missing; i++) made.add(pool.submit(() -> createUser()));
            for (Future<TestUser> f : made) f.get();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void users_info_finds_a_user_by_user_id() {
        TestUser u = createUser();
        Api.Res res = admin.get("users.info", Map.of("userId", u.id()));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().get("success").asBoolean()).isTrue();
        JsonNode user = res.json().get("user");
        assertThat(user.get("_id").asText()).isEqualTo(u.id());
        assertThat(user.get("username").asText()).isEqualTo(u.username());
        assertThat(user.get("name").asText()).isEqualTo(u.name());
        assertThat(user.get("emails")).isEqualTo(json("[{\"address\":\"" + u.email() + "\",\"verified\":false}]"));
        assertThat(user.has("services")).isFalse();
        assertThat(res.text()).doesNotContain(u.password());
    }

    @Test
    void users_info_finds_a_user_by_username() {
        TestUser u = createUser();
        Api.Res res = admin.get("users.info", Map.of("username", u.username()));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().at("/user/_id").asText()).isEqualTo(u.id());
    }

    @Test
    void users_info_is_open_to_any_logged_in_user() {
        TestUser u = createUser();
        Api agent = loginAs(createUser("livechat-agent"));
        assertThat(agent.get("users.info", Map.of("userId", u.id())).json().at("/user/username").asText()).isEqualTo(u.username());
        assertExactly(anonymous.get("users.info", Map.of("userId", u.id())), 401, UNAUTHENTICATED);
    }

    @Test
    void users_info_matches_the_username_exactly_not_in_another_case() {
        TestUser u = createNamedUser(uniqueName("Mixed"), null);
        assertExactly(admin.get("users.info", Map.of("username", u.username().toLowerCase())), 400, USER_NOT_FOUND);
        assertExactly(admin.get("users.info", Map.of("username", u.username().toUpperCase())), 400, USER_NOT_FOUND);
    }

    @Test
    void users_info_of_an_unknown_user_is_400_user_not_found() {
        assertExactly(admin.get("users.info", Map.of("userId", "NoSuchUser1234567")), 400, USER_NOT_FOUND);
        assertExactly(admin.get("users.info", Map.of("username", uniqueName("nobody"))), 400, USER_NOT_FOUND);
    }

    @Test
    void users_info_with_an_unknown_query_key_is_400_additional_properties() {
        TestUser u = createUser();
        assertExactly(admin.get("users.info", Map.of("userId", u.id(), "foo", "bar")), 400,
                invalidParams("must NOT have additional properties"));
    }

    @Test
    void users_list_answers_a_page_with_count_offset_and_total() {
        createUser();
        createUser();
        createUser();
        Api.Res res = admin.get("users.list", Map.of("count", "2", "offset", "1"));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().get("success").asBoolean()).isTrue();
        assertThat(res.json().get("users")).hasSize(2);
        assertThat(res.json().get("count").asInt()).isEqualTo(2);
        assertThat(res.json().get("offset").asInt()).isEqualTo(1);
        assertThat(res.json().get("total").asLong()).isEqualTo(total()).isGreaterThanOrEqualTo(4);
        assertThat(res.text()).doesNotContain("password").doesNotContain("$2");
    }

    @Test
    void users_list_pages_never_overlap_and_cover_every_user() {
        for (int i = 0; i < 5; i++) createUser();
        long total = total();
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < total; offset += 3) {
            Api.Res page = admin.get("users.list", Map.of("count", "3", "offset", String.valueOf(offset)));
            assertThat(page.json().get("offset").asInt()).isEqualTo(offset);
            assertThat(page.json().get("total").asLong()).isEqualTo(total);
            paged.addAll(ids(page));
        }
        assertThat(paged).doesNotHaveDuplicates().hasSize((int) total);
        assertThat(paged).containsExactlyElementsOf(ids(admin.get("users.list", Map.of("count", "0"))));
    }

    @Test
    void users_list_by_default_sorts_by_username() {
        createNamedUser("zz" + uniqueName("s"), null);
        createNamedUser("aa" + uniqueName("s"), null);
        List<String> usernames = new ArrayList<>();
        admin.get("users.list", Map.of("count", "0")).json().get("users").forEach(u -> usernames.add(u.get("username").asText()));
        assertThat(usernames).isSorted();
    }

    @Test
    void users_list_sorts_by_username_descending() {
        createNamedUser("zz" + uniqueName("s"), null);
        createNamedUser("aa" + uniqueName("s"), null);
        List<String> usernames = new ArrayList<>();
        admin.get("users.list", Map.of("count", "0", "sort", "{\"username\":-1}")).json().get("users")
                .forEach(u -> usernames.add(u.get("username").asText()));
        assertThat(usernames).hasSize((int) total()).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void users_list_count_zero_returns_every_user() {
        createUser();
        long total = total();
        Api.Res res = admin.get("users.list", Map.of("count", "0"));
        assertThat(res.json().get("users")).hasSize((int) total);
        assertThat(res.json().get("count").asLong()).isEqualTo(total);
        assertThat(res.json().get("total").asLong()).isEqualTo(total);
    }

    @Test
    void users_list_caps_count_at_100() throws Exception {
        ensureUsers(102);
        Api.Res res = admin.get("users.list", Map.of("count", "500"));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().get("users")).hasSize(100);
        assertThat(res.json().get("count").asInt()).isEqualTo(100);
        assertThat(res.json().get("total").asLong()).isGreaterThan(100);
        Set<String> unique = new HashSet<>(ids(res));
        assertThat(unique).hasSize(100);
    }

    @Test
    void users_list_default_count_is_50() throws Exception {
        ensureUsers(52);
        Api.Res res = admin.get("users.list");
        assertThat(res.json().get("count").asInt()).isEqualTo(50);
        assertThat(res.json().get("offset").asInt()).isZero();
    }

    @Test
    void users_list_with_a_negative_count_or_offset_is_400() {
        assertExactly(admin.get("users.list", Map.of("count", "-1")), 400, invalidParams("must be >= 0"));
        assertExactly(admin.get("users.list", Map.of("offset", "-5")), 400, invalidParams("must be >= 0"));
    }

    @Test
    void users_list_with_a_non_numeric_count_or_offset_is_400_must_be_number() {
        assertExactly(admin.get("users.list", Map.of("count", "ten")), 400, invalidParams("must be number"));
        assertExactly(admin.get("users.list", Map.of("offset", "x1")), 400, invalidParams("must be number"));
    }

    @Test
    void users_list_with_an_invalid_sort_is_400_error_invalid_sort() {
        String raw = "{username:1";
        assertExactly(admin.get("users.list", Map.of("sort", raw)), 400,
                "{\"success\":false,\"error\":\"Invalid sort parameter provided: \\\"" + raw + "\\\" [error-invalid-sort]\","
                        + "\"errorType\":\"error-invalid-sort\"}");
    }

    @Test
    void users_list_with_an_unknown_query_key_is_400_additional_properties() {
        assertExactly(admin.get("users.list", Map.of("foo", "1")), 400, invalidParams("must NOT have additional properties"));
    }

    @Test
    void users_list_needs_view_d_room() {
        Api agentOnly = loginAs(createUser("livechat-agent"));
        assertExactly(agentOnly.get("users.list"), 403, FORBIDDEN_ROUTE);
        assertExactly(agentOnly.get("users.list", Map.of("count", "-1")), 403, FORBIDDEN_ROUTE);
        Api plain = loginAs(createUser());
        assertThat(plain.get("users.list", Map.of("count", "1")).status()).isEqualTo(200);
    }

    @Test
    void users_list_unauthenticated_is_401() {
        assertExactly(anonymous.get("users.list"), 401, UNAUTHENTICATED);
    }
}
