package dev.roster.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.Api;
import dev.roster.testing.MutableClock;
import dev.roster.testing.TestDatabase;
import dev.roster.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The rate limit and failed-login blocking hold across two nodes on one PostgreSQL (contract §7, issue 4). */
@Tag("postgres-only")
class AbuseLimitsAcrossNodesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private TestServer nodeA;
    private TestServer nodeB;
    private Api adminA;

    @BeforeEach
    void startTwoNodes() {
        String url = TestDatabase.newPostgresUrl();
        Map<String, String> env = Map.of("DATABASE_URL", url, "TEST_MODE", "false");
        nodeA = TestServer.start(env, clock);
        nodeB = TestServer.start(env, clock);
        adminA = Api.anonymous(nodeA).login(TestServer.ADMIN_USERNAME, TestServer.ADMIN_PASSWORD);
    }

    @AfterEach
    void stopNodes() {
        nodeA.close();
        nodeB.close();
    }

    private Api plainUserOnA() {
        String username = "n" + System.nanoTime();
        assertThat(adminA.post("users.create", Map.of("username", username, "email", username + "@example.com",
                "name", "Node User", "password", "pw-" + username)).status()).isEqualTo(200);
        return Api.anonymous(nodeA).login(username, "pw-" + username);
    }

    @Test
    void calls_on_both_nodes_share_one_allowance() {
        Api onA = plainUserOnA();
        Api onB = onA.onServer(nodeB);
        for (int i = 0; i < 5; i++) {
            assertThat(onA.get("me").status()).isEqualTo(200);
            assertThat(onB.get("me").status()).isEqualTo(200);
        }
        assertThat(onA.get("me").status()).isEqualTo(429);
        assertThat(onB.get("me").status()).isEqualTo(429);
    }

    @Test
    void simultaneous_calls_on_two_nodes_grant_exactly_the_allowance() throws Exception {
        Api onA = plainUserOnA();
        Api onB = onA.onServer(nodeB);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Api node = i % 2 == 0 ? onA : onB;
                calls.add(pool.submit(() -> node.get("roles.list").status()));
            }
            int ok = 0;
            int limited = 0;
            for (Future<Integer> call : calls) {
                int status = call.get();
                if (status == 200) ok++;
                else if (status == 429) limited++;
            }
            assertThat(ok).isEqualTo(10);
            assertThat(limited).isEqualTo(30);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failed_logins_on_both_nodes_add_up_to_one_block() {
        String username = "b" + System.nanoTime();
        assertThat(adminA.post("users.create", Map.of("username", username, "email", username + "@example.com",
                "name", "Blocked User", "password", "right")).status()).isEqualTo(200);
        // Each login is also a call to the login route: a new minute gives each half a fresh rate-limit window,
        // while the block lasts five minutes from the last failure.
        for (TestServer node : List.of(nodeA, nodeB)) {
            clock.advance(Duration.ofMinutes(1));
            for (int i = 0; i < 5; i++) {
                assertThat(Api.anonymous(node).post("login", Map.of("user", username, "password", "wrong")).status()).isEqualTo(401);
            }
        }
        clock.advance(Duration.ofMinutes(1));
        Api b = Api.anonymous(nodeB);
        Api.Res blocked = b.post("login", Map.of("user", username, "password", "right"));
        assertThat(blocked.status()).as("%s", blocked).isEqualTo(401);
        assertThat(blocked.json().get("error").asText()).isEqualTo("error-login-blocked-for-user");
    }
}
