package dev.roster.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Rate-limit windows of a single node (SQLite), in a map; closed windows are swept out now and then. */
public final class MemoryWindows implements RateLimiter.Windows {
    private static final int SWEEP_EVERY = 4096;

    private final ConcurrentHashMap<String, RateLimiter.Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    @Override
    public RateLimiter.Window hit(String key, long now, long intervalMillis) {
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) windows.values().removeIf(w -> w.start() <= now - intervalMillis);
        return windows.compute(key, (k, w) -> w == null || w.start() <= now - intervalMillis
                ? new RateLimiter.Window(now, 1)
                : new RateLimiter.Window(w.start(), w.hits() + 1));
    }
}
