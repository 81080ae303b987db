package dev.roster.ratelimit;

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

/** The REST rate limit (contract §7), on a server with TEST_MODE off and a clock the test moves. */
class RateLimitTest {
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private TestServer server;
    private Api anonymous;
    private Api admin;

    private void start(String... env) {
        Map<String, String> settings = new HashMap<>(Map.of("TEST_MODE", "false"));
        for (int i = 0; i < env.length; i += 2) settings.put(env[i], env[i + 1]);
        server = TestServer.start(settings, clock);
        anonymous = Api.anonymous(server);
        admin = anonymous.login(TestServer.ADMIN_USERNAME, TestServer.ADMIN_PASSWORD);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A plain user's session (a user has no api-bypass-rate-limit), made by the admin, who is never limited. */
    private Api plainUser() {
        String username = "plain" + System.nanoTime();
        Api.Res res = admin.post("users.create", Map.of("username", username, "email", username + "@example.com",
                "name", "Plain User", "password", "pw-" + username));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return anonymous.login(username, "pw-" + username);
    }

    private static String tooMany(long seconds) {
        return "{\"success\":false,\"error\":\"Error, too many requests. Please slow down. You must wait " + seconds
                + " seconds before trying this endpoint again. [error-too-many-requests]\",\"errorType\":\"error-too-many-requests\"}";
    }

    private static long header(Api.Res res, String name) {
        return Long.parseLong(res.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " on " + res)));
    }

    @Test
    void the_eleventh_call_in_a_minute_is_429_with_the_seconds_to_wait() {
        start();
        Api user = plainUser(); // its login was the admin's second login call from this address
        for (int i = 1; i <= 10; i++) {
            Api.Res res = user.get("me");
            assertThat(res.status()).as("call %d: %s", i, res).isEqualTo(200);
            assertThat(header(res, "X-RateLimit-Limit")).isEqualTo(10);
            assertThat(header(res, "X-RateLimit-Remaining")).isEqualTo(10 - i);
            assertThat(header(res, "X-RateLimit-Reset")).isEqualTo(START.toEpochMilli() + 60_000);
        }
        clock.advance(Duration.ofMillis(20_500));
        Api.Res refused = user.get("me");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json()).isEqualTo(Api.json(tooMany(40)));
        assertThat(header(refused, "X-RateLimit-Remaining")).isZero();
        assertThat(header(refused, "X-RateLimit-Reset")).isEqualTo(START.toEpochMilli() + 60_000);
    }

    @Test
    void the_window_closes_a_minute_after_it_opened() {
        start();
        Api user = plainUser();
        for (int i = 0; i < 10; i++) user.get("me");
        assertThat(user.get("me").status()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(60));
        Api.Res res = user.get("me");
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(header(res, "X-RateLimit-Remaining")).isEqualTo(9);
        assertThat(header(res, "X-RateLimit-Reset")).isEqualTo(START.toEpochMilli() + 120_000);
    }

    @Test
    void each_route_and_method_has_its_own_allowance() {
        start();
        Api user = plainUser();
        for (int i = 0; i < 10; i++) user.get("me");
        assertThat(user.get("me").status()).isEqualTo(429);
        assertThat(user.get("roles.list").status()).isEqualTo(200);
        assertThat(user.post("users.setStatus", Map.of("status", "away")).status()).isEqualTo(200);
        // Both types of a route share its allowance: the route is livechat/users/{type}.
        for (int i = 0; i < 10; i++) user.get("livechat/users/agent");
        assertThat(user.get("livechat/users/manager").status()).isEqualTo(429);
    }

    @Test
    void a_refused_call_does_not_extend_the_window() {
        start();
        Api user = plainUser();
        for (int i = 0; i < 10; i++) user.get("me");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(10));
            assertThat(user.get("me").status()).isEqualTo(429);
        }
        clock.advance(Duration.ofSeconds(10));
        assertThat(user.get("me").status()).isEqualTo(200);
    }

    @Test
    void requests_refused_before_the_limit_do_not_count() {
        start();
        Api user = plainUser();
        for (int i = 0; i < 15; i++) {
            assertThat(anonymous.get("me").status()).isEqualTo(401);
            assertThat(user.post("permissions.update", Map.of("permissions", java.util.List.of())).status()).isEqualTo(403);
            assertThat(user.post("users.setStatus", Map.of("status", "nope")).status()).isEqualTo(400);
        }
        assertThat(anonymous.get("me").headers().firstValue("X-RateLimit-Limit")).isEmpty();
        assertThat(header(user.post("users.setStatus", Map.of("status", "away")), "X-RateLimit-Remaining")).isEqualTo(9);
    }

    @Test
    void login_is_limited_per_address_whoever_logs_in() {
        start();
        // The admin's login in start() was the first call.
        for (int i = 2; i <= 10; i++) {
            assertThat(anonymous.post("login", Map.of("user", "nobody", "password", "x")).status()).isEqualTo(401);
        }
        Api.Res refused = anonymous.post("login", Map.of("user", TestServer.ADMIN_USERNAME, "password", TestServer.ADMIN_PASSWORD));
        assertThat(refused.status()).as("%s", refused).isEqualTo(429);
        assertThat(refused.json().get("errorType").asText()).isEqualTo("error-too-many-requests");
    }

    @Test
    void callers_with_api_bypass_rate_limit_are_not_counted() {
        start();
        for (int i = 0; i < 30; i++) {
            Api.Res res = admin.get("me");
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.headers().firstValue("X-RateLimit-Limit")).as("no limit headers for the exempt").isEmpty();
        }
        Api user = plainUser();
        for (int i = 0; i < 10; i++) user.get("me");
        assertThat(user.get("me").status()).isEqualTo(429);
        // Granting the permission to the user role exempts the user at once.
        Api.Res granted = admin.post("permissions.update", Map.of("permissions", java.util.List.of(
                Map.of("_id", "api-bypass-rate-limit", "roles", java.util.List.of("admin", "bot", "user")))));
        assertThat(granted.status()).isEqualTo(200);
        assertThat(user.get("me").status()).isEqualTo(200);
    }

    @Test
    void the_limit_and_interval_are_configurable() {
        start("API_Enable_Rate_Limiter_Limit_Calls_Default", "3", "API_Enable_Rate_Limiter_Limit_Time_Default", "5000");
        Api user = plainUser();
        for (int i = 0; i < 3; i++) assertThat(user.get("me").status()).isEqualTo(200);
        Api.Res refused = user.get("me");
        assertThat(refused.json()).isEqualTo(Api.json(tooMany(5)));
        assertThat(header(refused, "X-RateLimit-Limit")).isEqualTo(3);
        clock.advance(Duration.ofSeconds(5));
        assertThat(user.get("me").status()).isEqualTo(200);
    }

    @Test
    void the_limit_can_be_turned_off() {
        start("API_Enable_Rate_Limiter", "false");
        Api user = plainUser();
        for (int i = 0; i < 25; i++) assertThat(user.get("me").status()).isEqualTo(200);
    }

    @Test
    void test_mode_turns_the_limit_off() {
        start("TEST_MODE", "true");
        Api user = plainUser();
        for (int i = 0; i < 25; i++) {
            Api.Res res = user.get("me");
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.headers().firstValue("X-RateLimit-Limit")).isEmpty();
        }
    }

    @Test
    void without_trusted_proxies_x_forwarded_for_cannot_buy_a_new_allowance() {
        start();
        Api user = plainUser();
        for (int i = 0; i < 10; i++) user.withHeader("X-Forwarded-For", "203.0.113." + i).get("me");
        assertThat(user.withHeader("X-Forwarded-For", "198.51.100.7").get("me").status()).isEqualTo(429);
    }

    @Test
    void behind_a_trusted_proxy_each_forwarded_client_has_its_own_allowance() {
        start("TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8");
        Api user = plainUser();
        Api viaProxyA = user.withHeader("X-Forwarded-For", "203.0.113.5");
        Api viaTwoProxies = user.withHeader("X-Forwarded-For", "203.0.113.6, 10.1.2.3");
        for (int i = 0; i < 10; i++) assertThat(viaProxyA.get("me").status()).isEqualTo(200);
        assertThat(viaProxyA.get("me").status()).isEqualTo(429);
        for (int i = 0; i < 10; i++) assertThat(viaTwoProxies.get("me").status()).isEqualTo(200);
        assertThat(viaTwoProxies.get("me").status()).isEqualTo(429);
        // A client cannot hide behind an address it writes in front of the real one.
        assertThat(user.withHeader("X-Forwarded-For", "192.0.2.1, 203.0.113.5").get("me").status()).isEqualTo(429);
    }
}
