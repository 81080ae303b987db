package dev.roster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** POST login (contract §3) and the formats of user ids and login tokens (§6). */
class LoginTest extends ServerTest {
    private static final String WRONG_PASSWORD = """
            {"success":false,"status":"error","error":"Unauthorized","message":"Incorrect password"}""";
    private static final String UNKNOWN_USER = """
            {"success":false,"status":"error","error":"Unauthorized","message":"Unauthorized"}""";
    private static final String TOKEN_RE = "^[A-Za-z0-9_-]{43}$";
    private static final String USER_ID_RE = "^[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}$";

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> digest(String password) {
        return Map.of("digest", sha256Hex(password), "algorithm", "sha-256");
    }

    /** Asserts a successful login of this user and that its token works for GET me; returns the session. */
    private static Api assertLoggedIn(Api.Res res, TestUser u) {
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().get("success").asBoolean()).isTrue();
        assertThat(res.json().at("/data/userId").asText()).isEqualTo(u.id());
        Api session = anonymous.as(u.id(), res.json().at("/data/authToken").asText());
        Api.Res me = session.get("me");
        assertThat(me.status()).as("me with the new token: %s", me).isEqualTo(200);
        assertThat(me.json().get("_id").asText()).isEqualTo(u.id());
        return session;
    }

    @Test
    void login_answers_exactly_status_data_and_success() {
        TestUser u = createUser();
        Api.Res res = anonymous.post("login", Map.of("user", u.username(), "password", u.password()));
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = res.json();
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("status", "data", "success");
        assertThat(body.get("status").asText()).isEqualTo("success");
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("data").fieldNames()).toIterable().containsExactlyInAnyOrder("userId", "authToken", "me");
        assertThat(body.at("/data/userId").asText()).isEqualTo(u.id());
        assertThat(body.at("/data/authToken").isTextual()).isTrue();
        assertThat(body.at("/data/me/_id").asText()).isEqualTo(u.id());
        assertThat(body.at("/data/me/username").asText()).isEqualTo(u.username());
    }

    @Test
    void login_with_user_set_to_the_username() {
        TestUser u = createUser();
        assertLoggedIn(anonymous.post("login", Map.of("user", u.username(), "password", u.password())), u);
    }

    @Test
    void login_with_user_set_to_the_email() {
        TestUser u = createUser();
        assertLoggedIn(anonymous.post("login", Map.of("user", u.email(), "password", u.password())), u);
    }

    @Test
    void login_with_username() {
        TestUser u = createUser();
        assertLoggedIn(anonymous.post("login", Map.of("username", u.username(), "password", u.password())), u);
    }

    @Test
    void login_with_email() {
        TestUser u = createUser();
        assertLoggedIn(anonymous.post("login", Map.of("email", u.email(), "password", u.password())), u);
    }

    @Test
    void the_email_matches_in_any_letter_case() {
        TestUser u = createUser();
        assertLoggedIn(anonymous.post("login", Map.of("user", u.email().toUpperCase(), "password", u.password())), u);
        assertLoggedIn(anonymous.post("login", Map.of("email", u.email().toUpperCase(), "password", u.password())), u);
    }

    @Test
    void the_username_matches_in_any_letter_case() {
        TestUser u = createNamedUser(uniqueName("Mixed"), null);
        assertLoggedIn(anonymous.post("login", Map.of("user", u.username().toLowerCase(), "password", u.password())), u);
        assertLoggedIn(anonymous.post("login", Map.of("username", u.username().toUpperCase(), "password", u.password())), u);
    }

    @Test
    void login_with_a_sha256_digest() {
        TestUser u = createUser();
        assertLoggedIn(anonymous.post("login", Map.of("user", u.username(), "password", digest(u.password()))), u);
        assertLoggedIn(anonymous.post("login", Map.of("username", u.username(), "password", digest(u.password()))), u);
        assertLoggedIn(anonymous.post("login", Map.of("email", u.email(), "password", digest(u.password()))), u);
    }

    @Test
    void a_wrong_password_is_401_incorrect_password() {
        TestUser u = createUser();
        assertExactly(anonymous.post("login", Map.of("user", u.username(), "password", u.password() + "-wrong")), 401, WRONG_PASSWORD);
        assertExactly(anonymous.post("login", Map.of("email", u.email(), "password", "")), 401, WRONG_PASSWORD);
    }

    @Test
    void a_wrong_digest_is_401_incorrect_password() {
        TestUser u = createUser();
        assertExactly(anonymous.post("login", Map.of("user", u.username(), "password", digest(u.password() + "x"))), 401, WRONG_PASSWORD);
    }

    @Test
    void an_unknown_user_is_401_unauthorized() {
        assertExactly(anonymous.post("login", Map.of("user", uniqueName("nobody"), "password", "whatever-123")), 401, UNKNOWN_USER);
        assertExactly(anonymous.post("login", Map.of("username", uniqueName("nobody"), "password", "whatever-123")), 401, UNKNOWN_USER);
    }

    @Test
    void an_unknown_email_is_401_unauthorized() {
        String email = uniqueName("nobody") + "@nowhere.example.com";
        assertExactly(anonymous.post("login", Map.of("user", email, "password", "x-123456")), 401, UNKNOWN_USER);
        assertExactly(anonymous.post("login", Map.of("email", email, "password", "x-123456")), 401, UNKNOWN_USER);
    }

    @Test
    void every_login_returns_a_new_token_and_each_works() {
        TestUser u = createUser();
        Api s1 = loginAs(u);
        Api s2 = loginAs(u);
        Api s3 = anonymous.login(u.email(), u.password());
        assertThat(Set.of(s1.token(), s2.token(), s3.token())).hasSize(3);
        for (Api s : new Api[] {s1, s2, s3}) {
            assertThat(s.get("me").status()).isEqualTo(200);
        }
    }

    @Test
    void a_resume_login_returns_a_working_token_for_the_same_user() {
        TestUser u = createUser();
        Api s = loginAs(u);
        Api.Res res = anonymous.post("login", Map.of("resume", s.token()));
        assertThat(res.json().get("status").asText()).isEqualTo("success");
        assertThat(res.json().get("data").fieldNames()).toIterable().containsExactlyInAnyOrder("userId", "authToken", "me");
        assertThat(res.json().at("/data/me/_id").asText()).isEqualTo(u.id());
        assertLoggedIn(res, u);
    }

    @Test
    void a_resume_login_with_a_garbage_token_is_401() {
        Api.Res res = anonymous.post("login", Map.of("resume", "not-a-real-token-at-all"));
        assertThat(res.status()).as("%s", res).isEqualTo(401);
        assertThat(res.json().get("success").asBoolean()).isFalse();
        assertThat(res.json().get("status").asText()).isEqualTo("error");
        assertThat(res.json().has("data")).isFalse();
    }

    @Test
    void a_deactivated_user_cannot_log_in() {
        TestUser u = createUser();
        assertThat(admin.post("users.setActiveStatus", Map.of("userId", u.id(), "activeStatus", false)).status()).isEqualTo(200);
        for (Object password : new Object[] {u.password(), digest(u.password())}) {
            Api.Res res = anonymous.post("login", Map.of("user", u.username(), "password", password));
            assertThat(res.status()).as("%s", res).isNotEqualTo(200);
            assertThat(res.json().get("success").asBoolean()).isFalse();
            assertThat(res.json().has("data")).isFalse();
        }
    }

    @Test
    void login_tokens_are_43_url_safe_characters_and_all_different() {
        TestUser u = createUser();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            String token = loginAs(u).token();
            assertThat(token).matches(TOKEN_RE);
            tokens.add(token);
        }
        assertThat(tokens).hasSize(10);
    }

    @Test
    void user_ids_are_17_characters_of_the_meteor_alphabet() {
        assertThat(admin.userId()).matches(USER_ID_RE);
        for (int i = 0; i < 5; i++) {
            TestUser u = createUser();
            assertThat(u.id()).matches(USER_ID_RE);
            assertThat(loginAs(u).userId()).isEqualTo(u.id());
        }
    }

    @Test
    void a_login_without_password_is_400_invalid_params() {
        TestUser u = createUser();
        assertExactly(anonymous.post("login", Map.of("user", u.username())), 400,
                invalidParams("must have required property 'password'"));
    }
}
