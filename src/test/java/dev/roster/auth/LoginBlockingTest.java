package dev.roster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.Api;
import dev.roster.testing.MutableClock;
import dev.roster.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failed-login blocking (contract §7) with TEST_MODE off. The REST rate limit is turned off here so that only the
 * blocking is tested, and the server trusts the loopback proxy so each test client can have its own address.
 */
class LoginBlockingTest {
    private static final String BLOCKED_FOR_USER = """
            {"success":false,"status":"error","error":"error-login-blocked-for-user","message":"Login has been temporarily blocked For User"}""";
    private static final String BLOCKED_FOR_IP = """
            {"success":false,"status":"error","error":"error-login-blocked-for-ip","message":"Login has been temporarily blocked For IP"}""";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private TestServer server;
    private Api anonymous;
    private Api admin;

    private void start(String... env) {
        Map<String, String> settings = new HashMap<>(Map.of("TEST_MODE", "false", "API_Enable_Rate_Limiter", "false",
                "TRUSTED_PROXIES", "127.0.0.1"));
        for (int i = 0; i < env.length; i += 2) settings.put(env[i], env[i + 1]);
        server = TestServer.start(settings, clock);
        anonymous = Api.anonymous(server);
        admin = anonymous.login(TestServer.ADMIN_USERNAME, TestServer.ADMIN_PASSWORD);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String createUser() {
        String username = "u" + System.nanoTime();
        assertThat(admin.post("users.create", Map.of("username", username, "email", username + "@example.com",
                "name", "A User", "password", "right-" + username)).status()).isEqualTo(200);
        return username;
    }

    private static Api from(Api client, String ip) {
        return client.withHeader("X-Forwarded-For", ip);
    }

    private static Api.Res login(Api client, String user, String password) {
        return client.post("login", Map.of("user", user, "password", password));
    }

    private void failTimes(Api client, String user, int times) {
        for (int i = 0; i < times; i++) {
            Api.Res res = login(client, user, "wrong");
            assertThat(res.status()).as("failure %d: %s", i + 1, res).isEqualTo(401);
            assertThat(res.json().get("error").asText()).isEqualTo("Unauthorized");
        }
    }

    private static void assertBody(Api.Res res, int status, String json) {
        assertThat(res.status()).as("%s", res).isEqualTo(status);
        assertThat(res.json()).isEqualTo(Api.json(json));
    }

    @Test
    void ten_failures_block_the_user_even_with_the_right_password_and_from_another_address() {
        start();
        String user = createUser();
        failTimes(from(anonymous, "203.0.113.1"), user, 10);
        assertBody(login(from(anonymous, "203.0.113.1"), user, "right-" + user), 401, BLOCKED_FOR_USER);
        assertBody(login(from(anonymous, "198.51.100.2"), user, "right-" + user), 401, BLOCKED_FOR_USER);
        // Other users are not affected.
        String other = createUser();
        assertThat(login(from(anonymous, "203.0.113.1"), other, "right-" + other).status()).isEqualTo(200);
    }

    @Test
    void the_block_ends_five_minutes_after_the_last_failure() {
        start();
        String user = createUser();
        failTimes(anonymous, user, 10);
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertBody(login(anonymous, user, "right-" + user), 401, BLOCKED_FOR_USER);
        clock.advance(Duration.ofSeconds(1));
        assertThat(login(anonymous, user, "right-" + user).status()).isEqualTo(200);
    }

    @Test
    void a_blocked_attempt_does_not_extend_the_block() {
        start();
        String user = createUser();
        failTimes(anonymous, user, 10);
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(1));
            assertBody(login(anonymous, user, "wrong"), 401, BLOCKED_FOR_USER);
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(login(anonymous, user, "right-" + user).status()).isEqualTo(200);
    }

    @Test
    void a_failure_after_the_block_blocks_again_until_a_success() {
        start();
        String user = createUser();
        failTimes(anonymous, user, 10);
        clock.advance(Duration.ofMinutes(5));
        failTimes(anonymous, user, 1);
        assertBody(login(anonymous, user, "right-" + user), 401, BLOCKED_FOR_USER);
    }

    @Test
    void a_success_resets_the_users_count() {
        start();
        String user = createUser();
        failTimes(anonymous, user, 9);
        assertThat(login(anonymous, user, "right-" + user).status()).isEqualTo(200);
        failTimes(anonymous, user, 9);
        assertThat(login(anonymous, user, "right-" + user).status()).isEqualTo(200);
    }

    @Test
    void the_user_is_the_account_whether_named_by_username_or_email() {
        start();
        String user = createUser();
        failTimes(anonymous, user, 5);
        failTimes(anonymous, user.toUpperCase() + "@EXAMPLE.COM", 5);
        assertBody(login(anonymous, user, "right-" + user), 401, BLOCKED_FOR_USER);
    }

    @Test
    void fifty_failures_from_one_address_block_that_address_for_every_user() {
        start();
        Api attacker = from(anonymous, "203.0.113.66");
        for (int i = 0; i < 50; i++) failTimes(attacker, "nobody-" + i, 1);
        String user = createUser();
        assertBody(login(attacker, user, "right-" + user), 401, BLOCKED_FOR_IP);
        assertBody(attacker.post("login", Map.of("resume", "whatever")), 401, BLOCKED_FOR_IP);
        assertThat(login(from(anonymous, "203.0.113.67"), user, "right-" + user).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(5));
        assertThat(login(attacker, user, "right-" + user).status()).isEqualTo(200);
    }

    @Test
    void failed_resume_logins_count_against_the_address() {
        start("Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip", "3");
        Api attacker = from(anonymous, "203.0.113.70");
        for (int i = 0; i < 3; i++) assertThat(attacker.post("login", Map.of("resume", "bad-" + i)).status()).isEqualTo(401);
        assertBody(login(attacker, TestServer.ADMIN_USERNAME, TestServer.ADMIN_PASSWORD), 401, BLOCKED_FOR_IP);
    }

    @Test
    void a_whitelisted_address_is_never_blocked() {
        start("Block_Multiple_Failed_Logins_Ip_Whitelist", "203.0.113.80", "Block_Multiple_Failed_Logins_By_User", "false");
        Api office = from(anonymous, "203.0.113.80");
        for (int i = 0; i < 60; i++) failTimes(office, "nobody-" + i, 1);
        String user = createUser();
        assertThat(login(office, user, "right-" + user).status()).isEqualTo(200);
    }

    @Test
    void the_thresholds_and_block_times_are_configurable() {
        start("Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User", "2",
                "Block_Multiple_Failed_Logins_Time_To_Unblock_By_User_In_Minutes", "1");
        String user = createUser();
        failTimes(anonymous, user, 2);
        assertBody(login(anonymous, user, "right-" + user), 401, BLOCKED_FOR_USER);
        clock.advance(Duration.ofMinutes(1));
        assertThat(login(anonymous, user, "right-" + user).status()).isEqualTo(200);
    }

    @Test
    void blocking_can_be_turned_off_and_test_mode_turns_it_off() {
        for (String[] env : new String[][] {{"Block_Multiple_Failed_Logins_Enabled", "false"}, {"TEST_MODE", "true"}}) {
            start(env);
            String user = createUser();
            failTimes(anonymous, user, 15);
            assertThat(login(anonymous, user, "right-" + user).status()).isEqualTo(200);
            server.close();
        }
        start();
    }
}
