package dev.roster.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's prepared statements are reused (CachedStatements): parsing and planning SQL again costs more than most queries. */
class StatementCacheTest {
    @TempDir
    Path dir;

    @Test
    void statements_with_named_parameters_are_prepared_once_and_reused() {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("cache.db"))) {
            Runnable queries = () -> {
                db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users WHERE id = :id").bind("id", "nobody").mapTo(Long.class).one());
                db.useTransaction(h -> h.createUpdate("UPDATE users SET name = :name WHERE id = :id")
                        .bind("name", "x").bind("id", "nobody").execute());
            };
            for (int i = 0; i < 5; i++) queries.run();
            long before = db.statementsPrepared();
            assertThat(before).isPositive();
            for (int i = 0; i < 200; i++) queries.run();
            assertThat(db.statementsPrepared() - before).isZero();
        }
    }
}
