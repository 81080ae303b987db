package dev.roster.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who did what to whom, from where and when: logins, refused permissions and changes to roles, grants and
 * accounts, one line each on the logger "roster.audit". Values that are not plain words are quoted and escaped,
 * so a username cannot forge a line. Nothing here ever receives a password or a token.
 */
public final class AuditLog {
    private static final Logger log = LoggerFactory.getLogger("roster.audit");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._@:/+,-]+");

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    public void loginSucceeded(String ip, String userId, String username) {
        write("login.success", "-", ip, target(userId, username));
    }

    /** {@code attempted} is the username or email the client sent, whether or not such a user exists. */
    public void loginFailed(String ip, String attempted, String userId, String reason) {
        write("login.failure", "-", ip, userId == null ? quote(attempted) : target(userId, attempted), "reason", reason);
    }

    public void permissionRefused(Actor actor, String route, String permission) {
        write("permission.refused", actor.toString(), actor.ip(), "-", "route", route, "permission", permission);
    }

    public void roleGranted(Actor actor, String userId, String username, String role) {
        write("role.granted", actor.toString(), actor.ip(), target(userId, username), "role", role);
    }

    public void roleRevoked(Actor actor, String userId, String username, String role) {
        write("role.revoked", actor.toString(), actor.ip(), target(userId, username), "role", role);
    }

    public void permissionChanged(Actor actor, String permission, Collection<String> roles) {
        write("permission.changed", actor.toString(), actor.ip(), quote(permission), "roles", String.join(",", roles));
    }

    public void userChanged(Actor actor, String event, String userId, String username) {
        write("user." + event, actor.toString(), actor.ip(), target(userId, username));
    }

    private void write(String event, String actor, String ip, String target, String... fields) {
        StringBuilder line = new StringBuilder("event=").append(event)
                .append(" at=").append(Instant.ofEpochMilli(clock.millis()))
                .append(" actor=").append(actor)
                .append(" ip=").append(quote(ip))
                .append(" target=").append(target);
        for (int i = 0; i < fields.length; i += 2) line.append(' ').append(fields[i]).append('=').append(quote(fields[i + 1]));
        log.info(line.toString());
    }

    static String target(String userId, String username) {
        return quote(username) + "(" + quote(userId) + ")";
    }

    /** A value as it stands when it is a plain word, else in double quotes with every odd character escaped. */
    static String quote(String value) {
        if (value == null || value.isEmpty()) return "-";
        if (PLAIN.matcher(value).matches()) return value;
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length() && i < 200; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else out.append(c);
        }
        if (value.length() > 200) out.append("…");
        return out.append('"').toString();
    }
}
