package dev.roster.testing;

import dev.roster.Application;
import dev.roster.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** A real Roster, started in-process through Application.start on a free port and a fresh database (see TestDatabase). */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin-secret-pw";

    private final Path dir;
    private final String databaseUrl;
    private final Application app;

    private TestServer(Path dir, String databaseUrl, Application app) {
        this.dir = dir;
        this.databaseUrl = databaseUrl;
        this.app = app;
    }

    public static TestServer start() {
        return start(Map.of());
    }

    /** Starts with extra environment settings layered over the test defaults. */
    public static TestServer start(Map<String, String> extraEnv) {
        return start(extraEnv, Clock.systemUTC());
    }

    /** Starts with extra settings and a clock the test controls. */
    public static TestServer start(Map<String, String> extraEnv, Clock clock) {
        try {
            Path dir = Files.createTempDirectory("roster-test-");
            Map<String, String> env = new HashMap<>();
            env.put("PORT", "0");
            env.put("BIND_IP", "127.0.0.1");
            env.put("DATABASE_URL", TestDatabase.newUrl(dir));
            env.put("ADMIN_USERNAME", ADMIN_USERNAME);
            env.put("ADMIN_PASS", ADMIN_PASSWORD);
            env.put("TEST_MODE", "true");
            env.putAll(extraEnv);
            return new TestServer(dir, env.get("DATABASE_URL"), Application.start(Config.fromEnv(env), clock));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    public Path dataDir() {
        return dir;
    }

    public Application app() {
        return app;
    }

    /** A plain JDBC connection to this server's database, for tests that inspect what is stored. */
    public Connection jdbc() {
        try {
            return DriverManager.getConnection(databaseUrl);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open " + databaseUrl, e);
        }
    }

    @Override
    public void close() {
        app.stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
