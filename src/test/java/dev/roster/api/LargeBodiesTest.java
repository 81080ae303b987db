package dev.roster.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.Api;
import dev.roster.testing.ServerProcess;
import dev.roster.testing.TestDatabase;
import dev.roster.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many bodies at the size limit at once must not exhaust the heap (BodyBudget): each parsed body takes many times
 * its size, and the server runs with a small heap that ends the process when it is exhausted.
 */
class LargeBodiesTest {
    private static final int AT_ONCE = 48;

    @TempDir
    Path dir;

    @Test
    void bodies_at_the_limit_sent_at_once_are_all_answered_and_the_server_stays_up() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, TestDatabase.newUrl(dir), Map.of(),
                List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"))) {
            // A password that is an array of short strings, just under 1 MB: the costliest body to parse.
            StringBuilder body = new StringBuilder("{\"user\":\"admin\",\"password\":[\"a\"");
            while (body.length() < 1024 * 1024 - 10) body.append(",\"a\"");
            byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            assertThat(bytes.length).isLessThanOrEqualTo(1024 * 1024);

            Api anonymous = server.anonymous();
            ExecutorService clients = Executors.newFixedThreadPool(AT_ONCE);
            try {
                List<Future<Api.Res>> answers = new ArrayList<>();
                for (int i = 0; i < AT_ONCE; i++) {
                    answers.add(clients.submit(() -> anonymous.sendBytes("POST", "login", bytes, "application/json")));
                }
                for (Future<Api.Res> answer : answers) {
                    Api.Res res = answer.get();
                    assertThat(res.status()).as("%s", res).isEqualTo(400);
                    assertThat(res.json().get("success").asBoolean()).isFalse();
                }
            } finally {
                clients.shutdownNow();
            }
            Api admin = server.anonymous().login(TestServer.ADMIN_USERNAME, TestServer.ADMIN_PASSWORD);
            assertThat(admin.get("me").status()).isEqualTo(200);
        }
    }
}
