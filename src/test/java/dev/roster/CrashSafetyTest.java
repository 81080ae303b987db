package dev.roster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.Api;
import dev.roster.testing.ServerProcess;
import dev.roster.testing.TestDatabase;
import dev.roster.testing.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety (issue 4): Roster is killed with SIGKILL in the middle of a stream of registrations and removals,
 * started again on the same database, and every acknowledged write must be there, with the database passing its
 * integrity check. And a SIGTERM lets requests in flight finish.
 */
class CrashSafetyTest {
    private static final int CRASHES = 5;
    private static final int USERS = 24;
    private static final int CLIENTS = 8;

    @TempDir
    Path dir;

    /** What a client knows of one user: the state its last acknowledged write left, and a write in flight, if any. */
    private static final class Known {
        volatile boolean agent;
        volatile Boolean pending;
    }

    @Test
    void every_acknowledged_write_survives_sigkill() throws Exception {
        String url = TestDatabase.newUrl(dir);
        Random random = new Random(4);
        ServerProcess server = ServerProcess.start(dir, url, Map.of());
        Api admin = server.anonymous().login(TestServer.ADMIN_USERNAME, TestServer.ADMIN_PASSWORD);
        List<String> usernames = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String username = "crash" + i;
            Api.Res res = admin.post("users.create", Map.of("username", username, "email", username + "@example.com",
                    "name", "Crash " + i, "password", "pw"));
            assertThat(res.status()).isEqualTo(200);
            usernames.add(username);
            ids.add(res.json().at("/user/_id").asText());
        }
        Map<String, Known> known = new ConcurrentHashMap<>();
        for (String id : ids) known.put(id, new Known());
        int acknowledged = 0;
        int lost = 0;
        try {
            for (int crash = 1; crash <= CRASHES; crash++) {
                int before = acknowledged;
                acknowledged += stream(server, admin, usernames, ids, known, 150 + random.nextInt(250));
                server.kill();
                server = ServerProcess.start(dir, url, Map.of());
                admin = admin.at(server.baseUrl());
                lost += lostWrites(admin, ids, known);
                assertIntact(url);
                System.out.println("crash " + crash + ": " + (acknowledged - before) + " acknowledged writes before SIGKILL, "
                        + lost + " lost so far");
            }
        } finally {
            server.close();
        }
        System.out.println("crash safety: " + CRASHES + " SIGKILLs survived, " + acknowledged + " acknowledged writes, " + lost + " lost");
        assertThat(lost).isZero();
        assertThat(acknowledged).isGreaterThan(CRASHES * 150);
    }

    /**
     * Clients register and remove their own users one request at a time; when {@code until} writes are acknowledged,
     * the stream goes on while the test kills the server. Returns how many writes were acknowledged.
     */
    private static int stream(ServerProcess server, Api admin, List<String> usernames, List<String> ids,
                              Map<String, Known> known, int until) throws InterruptedException {
        AtomicInteger acked = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.submit(() -> {
                Random random = new Random(client);
                while (!Thread.currentThread().isInterrupted()) {
                    int i = client + CLIENTS * random.nextInt(USERS / CLIENTS); // each user has one client
                    Known k = known.get(ids.get(i));
                    boolean register = !k.agent;
                    k.pending = register;
                    try {
                        Api.Res res = register ? admin.post("livechat/users/agent", Map.of("username", usernames.get(i)))
                                : admin.delete("livechat/users/agent/" + ids.get(i));
                        if (res.status() != 200) return; // the server is going down
                        k.agent = register;
                        k.pending = null;
                        if (acked.incrementAndGet() >= until) enough.countDown();
                    } catch (RuntimeException e) {
                        return; // the connection died with the server: this write stays pending
                    }
                }
            });
        }
        assertThat(enough.await(120, TimeUnit.SECONDS)).as("the stream made progress").isTrue();
        server.kill();
        clients.shutdownNow();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        return acked.get();
    }

    /** Compares each user with what its client knew; a write in flight may or may not have landed. */
    private static int lostWrites(Api admin, List<String> ids, Map<String, Known> known) {
        Api.Res res = admin.get("livechat/users/agent", Map.of("count", "0"));
        assertThat(res.status()).isEqualTo(200);
        Set<String> agents = new HashSet<>();
        res.json().get("users").forEach(u -> agents.add(u.get("_id").asText()));
        int lost = 0;
        for (String id : ids) {
            Known k = known.get(id);
            boolean isAgent = agents.contains(id);
            if (isAgent != k.agent && (k.pending == null || k.pending != isAgent)) lost++;
            k.agent = isAgent; // a pending write that landed is now the known state
            k.pending = null;
        }
        return lost;
    }

    private static void assertIntact(String url) throws Exception {
        if (TestDatabase.isPostgres()) return; // PostgreSQL is not what was killed; its own recovery is not ours to test
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("ok");
            }
            try (ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void sigterm_lets_a_request_in_flight_finish() throws Exception {
        String url = TestDatabase.newUrl(dir);
        ServerProcess server = ServerProcess.start(dir, url, Map.of());
        Api admin = server.anonymous().login(TestServer.ADMIN_USERNAME, TestServer.ADMIN_PASSWORD);
        String body = "{\"username\":\"inflight\",\"email\":\"inflight@example.com\",\"name\":\"In Flight\",\"password\":\"pw\"}";
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /api/v1/users.create HTTP/1.1\r\nHost: x\r\nX-User-Id: " + admin.userId() + "\r\nX-Auth-Token: "
                    + admin.token() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            // "100 Continue" comes when the handler starts reading the body: the request is in flight.
            assertThat(readHead(in)).startsWith("HTTP/1.1 100");
            server.sigterm();
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").contains("\"username\":\"inflight\"");
        }
        int exit = server.waitFor();
        assertThat(exit).as("exit code after SIGTERM; output:\n%s", server.output()).isIn(0, 143);
        assertThat(server.output()).doesNotContain(" ERROR ");
        ServerProcess again = ServerProcess.start(dir, url, Map.of());
        try {
            Api admin2 = again.anonymous().login(TestServer.ADMIN_USERNAME, TestServer.ADMIN_PASSWORD);
            assertThat(admin2.get("users.info", Map.of("username", "inflight")).status()).isEqualTo(200);
        } finally {
            again.close();
        }
    }

    private static String readHead(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) break;
            head.append((char) b);
        }
        return head.toString();
    }
}
