package dev.roster.ratelimit;

import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Rate-limit windows shared by every node of one PostgreSQL database: one atomic upsert per counted call, so two
 * nodes never both grant the last call of a window. Closed windows are deleted now and then.
 */
public final class SqlWindows implements RateLimiter.Windows {
    private static final int SWEEP_EVERY = 4096;

    private final Jdbi jdbi;
    private final AtomicLong calls = new AtomicLong();

    public SqlWindows(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public RateLimiter.Window hit(String key, long now, long intervalMillis) {
        long closedBefore = now - intervalMillis;
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM rate_limits WHERE window_start <= :closed")
                    .bind("closed", closedBefore).execute());
        }
        // In ON CONFLICT ... SET, rate_limits.* is the row as it was, so both CASEs see the same old window.
        return jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO rate_limits (bucket, window_start, hits) VALUES (:key, :now, 1)
                ON CONFLICT (bucket) DO UPDATE SET
                    window_start = CASE WHEN rate_limits.window_start <= :closed THEN :now ELSE rate_limits.window_start END,
                    hits = CASE WHEN rate_limits.window_start <= :closed THEN 1 ELSE rate_limits.hits + 1 END
                RETURNING window_start, hits""")
                .bind("key", key).bind("now", now).bind("closed", closedBefore)
                .map((rs, ctx) -> new RateLimiter.Window(rs.getLong(1), rs.getInt(2)))
                .one());
    }
}
