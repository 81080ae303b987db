package dev.roster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.Api;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting Roster as an operator does: a real process, configured by its environment (contract §8). */
@Tag("sqlite-only") // the process is configured by hand; PostgreSQL start-up is tested with the nodes
class StartupTest {
    private static final Pattern LISTENING = Pattern.compile("listening on [0-9.]+:(\\d+)");

    @TempDir
    Path dir;

    private Process start(Map<String, String> env) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath, "dev.roster.Roster").directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> List.of("PORT", "DATABASE_URL", "ADMIN_USERNAME", "ADMIN_PASS",
                "ADMIN_EMAIL", "BIND_IP", "TEST_MODE").contains(k));
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs a start that must fail; returns everything it printed. */
    private String failedStart(Map<String, String> env) throws Exception {
        Process p = start(env);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the process ends by itself").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("exit code; output: %s", out).isNotZero();
        return out;
    }

    private static void assertOneClearLine(String out, String expected) {
        List<String> lines = out.lines().filter(l -> l.startsWith("roster: ")).toList();
        assertThat(lines).as("output: %s", out).hasSize(1);
        assertThat(lines.get(0)).contains(expected);
        assertThat(out).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** Reads lines until the server says where it listens; returns its port. */
    private static int awaitListening(Process p, StringBuilder seen) throws IOException {
        var reader = p.inputReader(StandardCharsets.UTF_8);
        String line;
        while ((line = reader.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) return Integer.parseInt(m.group(1));
        }
        throw new AssertionError("the server ended before listening: " + seen);
    }

    @Test
    void an_unparseable_database_url_ends_with_one_line_and_a_non_zero_exit() throws Exception {
        assertOneClearLine(failedStart(Map.of("PORT", "0", "DATABASE_URL", "mysql://nope")), "DATABASE_URL");
    }

    @Test
    void a_port_in_use_ends_with_one_line_and_a_non_zero_exit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            String out = failedStart(Map.of("PORT", String.valueOf(taken.getLocalPort()), "BIND_IP", "0.0.0.0",
                    "DATABASE_URL", "jdbc:sqlite:" + dir.resolve("db/roster.db")));
            assertOneClearLine(out, String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void an_unwritable_data_directory_ends_with_one_line_and_a_non_zero_exit() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        String out = failedStart(Map.of("PORT", "0", "DATABASE_URL", "jdbc:sqlite:" + file.resolve("roster.db")));
        assertOneClearLine(out, "data directory");
    }

    @Test
    void a_bad_port_ends_with_one_line_and_a_non_zero_exit() throws Exception {
        assertOneClearLine(failedStart(Map.of("PORT", "http")), "PORT");
    }

    @Test
    void the_default_start_creates_the_sqlite_database_under_data_and_prints_a_generated_admin_password() throws Exception {
        Process p = start(Map.of("PORT", "0", "BIND_IP", "127.0.0.1"));
        try {
            StringBuilder seen = new StringBuilder();
            int port = awaitListening(p, seen);
            Matcher password = Pattern.compile("created the admin \"admin\" with the password (\\S+)").matcher(seen);
            assertThat(password.find()).as("output: %s", seen).isTrue();
            assertThat(Files.exists(dir.resolve("data/roster.db"))).isTrue();
            Api api = new Api("http://127.0.0.1:" + port, null, null).login("admin", password.group(1));
            assertThat(api.get("me").json().get("roles").toString()).contains("admin");
        } finally {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void a_restart_keeps_the_data_and_does_not_create_a_second_admin() throws Exception {
        Map<String, String> env = Map.of("PORT", "0", "BIND_IP", "127.0.0.1", "ADMIN_PASS", "first-pass-123");
        for (int run = 0; run < 2; run++) {
            Process p = start(run == 0 ? env : Map.of("PORT", "0", "BIND_IP", "127.0.0.1", "ADMIN_PASS", "other-pass"));
            try {
                StringBuilder seen = new StringBuilder();
                int port = awaitListening(p, seen);
                // The second start finds the admin of the first and leaves its password alone.
                Api api = new Api("http://127.0.0.1:" + port, null, null).login("admin", "first-pass-123");
                assertThat(api.get("users.list", Map.of("count", "0")).json().get("total").asInt()).isEqualTo(1);
            } finally {
                p.destroy(); // SIGTERM: a graceful stop
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }
}
