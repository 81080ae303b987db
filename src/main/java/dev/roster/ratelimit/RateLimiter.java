package dev.roster.ratelimit;

import dev.roster.Config;
import java.time.Clock;

/**
 * The REST rate limit (contract §7): each route and method allows a number of calls per interval from one client
 * address. Windows are fixed: the first call opens one, and it closes {@code interval} later. Callers with
 * api-bypass-rate-limit are not counted; the caller decides that before asking.
 */
public final class RateLimiter {
    /** The counts a call leaves behind, for the X-RateLimit-* headers; {@code waitSeconds} is 0 when it may go on. */
    public record Verdict(int limit, int remaining, long resetAt, long waitSeconds) {
        public boolean allowed() {
            return waitSeconds == 0;
        }
    }

    /** Where windows are counted: in memory for one node, in the database for several. */
    public interface Windows {
        /** Counts one call in the key's current window, opening a new window when the last one has closed. */
        Window hit(String key, long now, long intervalMillis);
    }

    public record Window(long start, int hits) {}

    private final Config.RateLimits settings;
    private final Windows windows;
    private final Clock clock;

    public RateLimiter(Config.RateLimits settings, Windows windows, Clock clock) {
        this.settings = settings;
        this.windows = windows;
        this.clock = clock;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** Counts a call to {@code route} (its method and path) from {@code ip}. */
    public Verdict check(String route, String ip) {
        long now = clock.millis();
        Window w = windows.hit(route + " " + ip, now, settings.intervalMillis());
        long resetAt = w.start() + settings.intervalMillis();
        if (w.hits() <= settings.calls()) return new Verdict(settings.calls(), settings.calls() - w.hits(), resetAt, 0);
        return new Verdict(settings.calls(), 0, resetAt, Math.max(1, (resetAt - now + 999) / 1000));
    }
}
