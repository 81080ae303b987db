package dev.roster.auth;

import dev.roster.Config;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Failed-login blocking (contract §7), kept in the database so that every node sees it. A user, or a client
 * address, that has failed the configured number of times since its last success is refused until the block
 * time has passed since its last failure. A refused attempt is not a failure, so it does not extend the block;
 * an attempt after the block that fails again blocks again at once, as in Rocket.Chat.
 */
public final class LoginGuard {
    static final String BLOCKED_FOR_IP = "error-login-blocked-for-ip";
    static final String BLOCKED_FOR_USER = "error-login-blocked-for-user";

    private final Config.LoginBlocking settings;

    public LoginGuard(Config.LoginBlocking settings) {
        this.settings = settings;
    }

    /** The error code that refuses this attempt, if the address or the user is blocked. */
    Optional<String> blocked(Handle h, String ip, String userId, long now) {
        if (byIp(ip) && isBlocked(h, "ip", ip, settings.ipAttempts(), settings.ipBlockMillis(), now)) {
            return Optional.of(BLOCKED_FOR_IP);
        }
        if (settings.byUser() && userId != null
                && isBlocked(h, "user", userId, settings.userAttempts(), settings.userBlockMillis(), now)) {
            return Optional.of(BLOCKED_FOR_USER);
        }
        return Optional.empty();
    }

    void failed(Handle h, String ip, String userId, long now) {
        if (byIp(ip)) count(h, "ip", ip, now);
        if (settings.byUser() && userId != null) count(h, "user", userId, now);
    }

    /** A success starts the user's count, and its address's, afresh. */
    void succeeded(Handle h, String ip, String userId) {
        if (!byIp(ip) && !settings.byUser()) return;
        h.createUpdate("DELETE FROM login_failures WHERE (kind = 'ip' AND subject = :ip) OR (kind = 'user' AND subject = :userId)")
                .bind("ip", ip).bind("userId", userId).execute();
    }

    private boolean byIp(String ip) {
        return settings.byIp() && !settings.ipWhitelist().contains(ip);
    }

    private static boolean isBlocked(Handle h, String kind, String subject, int attempts, long blockMillis, long now) {
        return h.createQuery("""
                SELECT 1 FROM login_failures
                WHERE kind = :kind AND subject = :subject AND failures >= :attempts AND last_failure_at > :since""")
                .bind("kind", kind).bind("subject", subject).bind("attempts", attempts).bind("since", now - blockMillis)
                .mapTo(Integer.class).findOne().isPresent();
    }

    private static void count(Handle h, String kind, String subject, long now) {
        h.createUpdate("""
                INSERT INTO login_failures (kind, subject, failures, last_failure_at) VALUES (:kind, :subject, 1, :now)
                ON CONFLICT (kind, subject) DO UPDATE SET failures = login_failures.failures + 1, last_failure_at = :now""")
                .bind("kind", kind).bind("subject", subject).bind("now", now).execute();
    }
}
