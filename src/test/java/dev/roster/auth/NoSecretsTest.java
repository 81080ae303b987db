package dev.roster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import dev.roster.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No answer ever carries a password, a password hash or a stored token (contract §3, §6). */
class NoSecretsTest extends ServerTest {
    private static final List<String> NEVER = List.of("$2a$", "$2b$", "$2y$", "bcrypt", "password_hash", "hashedToken");

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts a 200 whose text has no hash marker, none of the passwords nor their SHA-256 hex, not the stored form
     * base64(sha256(token)) of the caller's token, and (unless tokenMayShow) not the caller's token itself.
     */
    private static void assertNoSecrets(Api.Res res, Api caller, boolean tokenMayShow, String... passwords) {
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        List<String> forbidden = new ArrayList<>(NEVER);
        for (String p : List.of(passwords)) {
            forbidden.add(p);
            forbidden.add(HexFormat.of().formatHex(sha256(p)));
        }
        forbidden.add(Base64.getEncoder().encodeToString(sha256(caller.token())));
        if (!tokenMayShow) forbidden.add(caller.token());
        for (String secret : forbidden) {
            assertThat(res.text()).as("answer must not contain %s", secret).doesNotContainIgnoringCase(secret);
        }
    }

    @Test
    void login_answers_carry_no_secret_but_the_new_token() {
        TestUser u = createUser();
        Api.Res res = anonymous.post("login", Map.of("user", u.username(), "password", u.password()));
        Api session = anonymous.as(u.id(), res.json().at("/data/authToken").asText());
        assertNoSecrets(res, session, true, u.password());
        Api.Res resumed = anonymous.post("login", Map.of("resume", session.token()));
        assertNoSecrets(resumed, session, true, u.password());
    }

    @Test
    void me_carries_no_secret() {
        TestUser u = createUser();
        Api s = loginAs(u);
        assertNoSecrets(s.get("me"), s, false, u.password());
        assertNoSecrets(admin.get("me"), admin, false, TestServer.ADMIN_PASSWORD);
    }

    @Test
    void users_create_carries_no_secret() {
        String username = uniqueName("secret");
        String password = "pw-create-" + username;
        Api.Res res = admin.post("users.create", Map.of("username", username, "email", username + "@example.com",
                "name", "N " + username, "password", password));
        assertNoSecrets(res, admin, false, password, TestServer.ADMIN_PASSWORD);
    }

    @Test
    void users_info_and_users_list_carry_no_secret() {
        TestUser u = createUser();
        loginAs(u);
        assertNoSecrets(admin.get("users.info", Map.of("userId", u.id())), admin, false, u.password(), TestServer.ADMIN_PASSWORD);
        assertNoSecrets(admin.get("users.info", Map.of("username", u.username())), admin, false, u.password());
        assertNoSecrets(admin.get("users.list", Map.of("count", "100")), admin, false, u.password(), TestServer.ADMIN_PASSWORD);
        Api s = loginAs(createUser());
        assertNoSecrets(s.get("users.info", Map.of("userId", u.id())), s, false, u.password());
    }

    @Test
    void users_update_carries_no_secret_even_when_it_sets_the_password() {
        TestUser u = createUser();
        String newPassword = "new-pw-" + u.username();
        Api.Res res = admin.post("users.update", Map.of("userId", u.id(),
                "data", Map.of("password", newPassword, "name", "Renamed " + u.username())));
        assertNoSecrets(res, admin, false, newPassword, u.password(), TestServer.ADMIN_PASSWORD);
        assertThat(anonymous.login(u.username(), newPassword).userId()).isEqualTo(u.id());
    }

    @Test
    void livechat_lists_and_one_carry_no_secret() {
        TestUser agent = createAgent("online");
        TestUser manager = createUser();
        assertThat(admin.post("livechat/users/manager", Map.of("username", manager.username())).status()).isEqualTo(200);
        Api agentSession = loginAs(agent);
        String[] passwords = {agent.password(), manager.password(), TestServer.ADMIN_PASSWORD};
        assertNoSecrets(admin.get("livechat/users/agent", Map.of("count", "100")), admin, false, passwords);
        assertNoSecrets(admin.get("livechat/users/manager", Map.of("count", "100")), admin, false, passwords);
        assertNoSecrets(admin.get("livechat/users/agent/" + agent.id()), admin, false, passwords);
        assertNoSecrets(admin.get("livechat/users/manager/" + manager.id()), admin, false, passwords);
        assertNoSecrets(agentSession.get("livechat/users/agent", Map.of("count", "100")), agentSession, false, passwords);
    }

    @Test
    void permissions_list_all_carries_no_secret() {
        TestUser u = createUser();
        Api s = loginAs(u);
        assertNoSecrets(admin.get("permissions.listAll"), admin, false, TestServer.ADMIN_PASSWORD);
        assertNoSecrets(s.get("permissions.listAll"), s, false, u.password());
    }
}
