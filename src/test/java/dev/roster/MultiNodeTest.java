package dev.roster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.Api;
import dev.roster.testing.TestDatabase;
import dev.roster.testing.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two Roster nodes on one PostgreSQL database: any node serves any request, and every change holds everywhere. */
@Tag("postgres-only")
class MultiNodeTest {
    private static TestServer nodeA;
    private static TestServer nodeB;
    private static Api adminA;
    private static Api adminB;
    private static int seq;

    @BeforeAll
    static void startTwoNodes() {
        String url = TestDatabase.newPostgresUrl();
        nodeA = TestServer.start(Map.of("DATABASE_URL", url));
        nodeB = TestServer.start(Map.of("DATABASE_URL", url));
        adminA = Api.anonymous(nodeA).login(TestServer.ADMIN_USERNAME, TestServer.ADMIN_PASSWORD);
        adminB = adminA.onServer(nodeB);
    }

    @AfterAll
    static void stopNodes() {
        nodeA.close();
        nodeB.close();
    }

    private record User(String id, String username, String password) {}

    private static synchronized User createUser(String... roles) {
        String username = "mn" + (++seq) + "x" + System.nanoTime() % 100000;
        String password = "pw-" + username;
        Api.Res res = adminA.post("users.create", Map.of("username", username, "email", username + "@example.com",
                "name", "Node " + username, "password", password, "roles", roles.length == 0 ? List.of("user") : List.of(roles)));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return new User(res.json().at("/user/_id").asText(), username, password);
    }

    @Test
    void a_token_issued_by_one_node_works_on_the_other() {
        User u = createUser();
        Api onA = Api.anonymous(nodeA).login(u.username(), u.password());
        Api onB = onA.onServer(nodeB);
        assertThat(onB.get("me").json().get("_id").asText()).isEqualTo(u.id());
    }

    @Test
    void a_logout_on_one_node_holds_on_the_other_at_once() {
        User u = createUser();
        Api onA = Api.anonymous(nodeA).login(u.username(), u.password());
        assertThat(onA.onServer(nodeB).get("me").status()).isEqualTo(200);
        assertThat(onA.post("logout", Map.of()).status()).isEqualTo(200);
        assertThat(onA.onServer(nodeB).get("me").status()).isEqualTo(401);
    }

    /**
     * Node B is busy (concurrent requests share its reads of the change version): every request it receives after
     * a logout on node A has answered must still be refused, however the reads were shared.
     */
    @Test
    void a_logout_on_one_node_holds_on_a_busy_other_node_for_every_later_request() throws Exception {
        User u = createUser();
        Api onA = Api.anonymous(nodeA).login(u.username(), u.password());
        Api onB = onA.onServer(nodeB);
        assertThat(onB.get("me").status()).isEqualTo(200);
        ExecutorService clients = Executors.newFixedThreadPool(12);
        java.util.concurrent.atomic.AtomicLong loggedOutAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        java.util.concurrent.CountDownLatch after = new java.util.concurrent.CountDownLatch(200);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                running.add(clients.submit(() -> {
                    while (!stop.get()) {
                        long sentAt = System.nanoTime();
                        int status = onB.get("me").status();
                        if (sentAt > loggedOutAt.get()) {
                            after.countDown();
                            if (status != 401) wrong.add("status " + status + " for a request sent after the logout");
                        }
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 50; i++) adminA.get("me"); // let node B's clients run for a while
            assertThat(onA.post("logout", Map.of()).status()).isEqualTo(200);
            loggedOutAt.set(System.nanoTime());
            boolean enough = after.await(60, java.util.concurrent.TimeUnit.SECONDS);
            stop.set(true);
            for (Future<?> f : running) f.get();
            assertThat(enough).as("200 requests on node B after the logout").isTrue();
        } finally {
            clients.shutdownNow();
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void a_deactivation_on_one_node_holds_on_the_other_at_once() {
        User u = createUser();
        Api onB = Api.anonymous(nodeB).login(u.username(), u.password());
        assertThat(onB.get("me").status()).isEqualTo(200); // node B now knows the token
        assertThat(adminA.post("users.setActiveStatus", Map.of("userId", u.id(), "activeStatus", false)).status()).isEqualTo(200);
        assertThat(onB.get("me").status()).isEqualTo(401);
    }

    @Test
    void a_password_change_on_one_node_ends_the_sessions_on_the_other_at_once() {
        User u = createUser();
        Api onB = Api.anonymous(nodeB).login(u.username(), u.password());
        assertThat(onB.get("me").status()).isEqualTo(200);
        assertThat(adminA.post("users.update", Map.of("userId", u.id(), "data", Map.of("password", "a-new-one"))).status())
                .isEqualTo(200);
        assertThat(onB.get("me").status()).isEqualTo(401);
    }

    @Test
    void staff_lists_on_one_node_show_what_the_other_changed_at_once() {
        User u = createUser();
        Map<String, String> byName = Map.of("text", u.username(), "count", "0");
        assertThat(adminB.get("livechat/users/agent", byName).json().get("total").asInt()).isZero(); // B has read its staff
        assertThat(adminA.post("livechat/users/agent", Map.of("username", u.username())).status()).isEqualTo(200);
        assertThat(adminB.get("livechat/users/agent", byName).json().at("/users/0/_id").asText()).isEqualTo(u.id());
        assertThat(adminA.post("users.setStatus", Map.of("userId", u.id(), "status", "online")).status()).isEqualTo(200);
        assertThat(adminB.get("livechat/users/agent", byName).json().at("/users/0/status").asText()).isEqualTo("online");
        assertThat(adminA.post("livechat/agent.status", Map.of("agentId", u.id(), "status", "available")).status()).isEqualTo(200);
        assertThat(adminB.get("livechat/users/agent", Map.of("onlyAvailable", "true", "count", "0")).json().get("users").toString())
                .contains(u.id());
        assertThat(adminA.post("users.update", Map.of("userId", u.id(), "data", Map.of("name", "Renamed Xylophonist"))).status())
                .isEqualTo(200);
        assertThat(adminB.get("livechat/users/agent", Map.of("text", "xylophonist")).json().at("/users/0/_id").asText())
                .isEqualTo(u.id());
        assertThat(adminA.delete("livechat/users/agent/" + u.id()).status()).isEqualTo(200);
        assertThat(adminB.get("livechat/users/agent", Map.of("text", "xylophonist")).json().get("total").asInt()).isZero();
    }

    @Test
    void a_permission_change_on_one_node_holds_on_the_other_at_once() {
        User manager = createUser("user", "livechat-manager");
        Api onB = Api.anonymous(nodeB).login(manager.username(), manager.password());
        assertThat(onB.get("livechat/users/manager").status()).isEqualTo(200);
        try {
            assertThat(adminA.post("permissions.update", Map.of("permissions",
                    List.of(Map.of("_id", "view-livechat-manager", "roles", List.of("admin"))))).status()).isEqualTo(200);
            assertThat(onB.get("livechat/users/manager").status()).isEqualTo(403);
        } finally {
            adminA.post("permissions.update", Map.of("permissions", List.of(Map.of("_id", "view-livechat-manager",
                    "roles", List.of("admin", "livechat-manager", "livechat-monitor")))));
        }
        assertThat(onB.get("livechat/users/manager").status()).isEqualTo(200);
    }

    @Test
    void a_role_change_on_one_node_holds_on_the_other_at_once() {
        User u = createUser();
        Api onB = Api.anonymous(nodeB).login(u.username(), u.password());
        assertThat(onB.get("livechat/users/manager").status()).isEqualTo(403);
        assertThat(adminA.post("roles.addUserToRole", Map.of("roleName", "livechat-manager", "username", u.username())).status()).isEqualTo(200);
        assertThat(onB.get("livechat/users/manager").status()).isEqualTo(200);
        assertThat(adminA.post("roles.removeUserFromRole", Map.of("roleName", "livechat-manager", "username", u.username())).status()).isEqualTo(200);
        assertThat(onB.get("livechat/users/manager").status()).isEqualTo(403);
    }

    @Test
    void creating_one_username_on_both_nodes_at_once_makes_exactly_one_user() throws Exception {
        String username = "race" + System.nanoTime() % 1000000;
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Api node = i % 2 == 0 ? adminA : adminB;
            calls.add(() -> node.post("users.create", Map.of("username", username, "email", username + "@example.com",
                    "name", "Race", "password", "pw-race-123")).status());
        }
        List<Integer> statuses = runAll(calls);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 400);
    }

    /** One acknowledged register or remove: what it did and when it was sent and answered. */
    private record Write(String userId, boolean register, long sentNanos, long answeredNanos) {}

    @Test
    void two_nodes_times_fifty_clients_registering_and_removing_end_consistent() throws Exception {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 8; i++) users.add(createUser());
        ConcurrentLinkedQueue<Write> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Callable<Integer>> clients = new ArrayList<>();
        for (int c = 0; c < 100; c++) {
            Api node = c % 2 == 0 ? adminA : adminB;
            Random random = new Random(c);
            clients.add(() -> {
                for (int op = 0; op < 10; op++) {
                    User u = users.get(random.nextInt(users.size()));
                    boolean register = random.nextBoolean();
                    long sent = System.nanoTime();
                    Api.Res res = register
                            ? node.post("livechat/users/agent", Map.of("username", u.username()))
                            : node.delete("livechat/users/agent/" + u.id());
                    long answered = System.nanoTime();
                    if (res.status() == 200) acknowledged.add(new Write(u.id(), register, sent, answered));
                    else failures.add(res.toString());
                }
                return 0;
            });
        }
        runAll(clients);
        assertThat(failures).as("every write is acknowledged, none is a 5xx").isEmpty();

        Map<String, List<Write>> byUser = new HashMap<>();
        for (Write w : acknowledged) byUser.computeIfAbsent(w.userId(), k -> new ArrayList<>()).add(w);
        for (User u : users) {
            List<Write> writes = byUser.getOrDefault(u.id(), List.of());
            if (writes.isEmpty()) continue;
            // The final state is the effect of a write that no other write strictly followed.
            List<Boolean> possible = writes.stream()
                    .filter(w -> writes.stream().noneMatch(later -> later.sentNanos() > w.answeredNanos()))
                    .map(Write::register).distinct().toList();
            Api.Res listed = adminB.get("livechat/users/agent", Map.of("text", u.username(), "count", "0"));
            int times = listed.json().get("total").asInt();
            assertThat(times).as("listed at most once").isLessThanOrEqualTo(1);
            assertThat(possible).as("state of %s", u.username()).contains(times == 1);
            Api.Res one = adminA.get("livechat/users/agent/" + u.id());
            assertThat(one.json().get("user").isNull()).isEqualTo(times == 0);
        }
    }

    @Test
    void several_nodes_starting_at_once_on_an_empty_database_all_start_and_make_one_admin() throws Exception {
        String url = TestDatabase.newPostgresUrl();
        List<Callable<TestServer>> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) starts.add(() -> TestServer.start(Map.of("DATABASE_URL", url)));
        List<TestServer> nodes = runAll(starts);
        try {
            for (TestServer node : nodes) {
                Api admin = Api.anonymous(node).login(TestServer.ADMIN_USERNAME, TestServer.ADMIN_PASSWORD);
                Api.Res all = admin.get("users.list", Map.of("count", "0"));
                assertThat(all.json().get("total").asInt()).as("one admin user").isEqualTo(1);
            }
        } finally {
            nodes.forEach(TestServer::close);
        }
    }

    private static <T> List<T> runAll(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<T>> futures = pool.invokeAll(calls);
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
