package dev.roster.users;

import dev.roster.users.UserService.WithRoles;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of a user. None of them has a password hash or a token: User holds neither. */
public final class UserViews {
    private UserViews() {}

    public static List<Map<String, Object>> emails(User u) {
        Map<String, Object> email = new LinkedHashMap<>();
        email.put("address", u.email());
        email.put("verified", u.emailVerified());
        return List.of(email);
    }

    public static String date(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /** A user as users.create, users.info, users.list and users.update return it. */
    public static Map<String, Object> user(WithRoles w) {
        User u = w.user();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_id", u.id());
        m.put("createdAt", date(u.createdAt()));
        m.put("username", u.username());
        m.put("emails", emails(u));
        m.put("type", "user");
        m.put("status", u.status());
        if (u.statusText() != null) m.put("statusText", u.statusText());
        m.put("active", u.active());
        m.put("name", u.name());
        m.put("roles", w.roles());
        if (u.statusLivechat() != null) m.put("statusLivechat", u.statusLivechat());
        if (u.requirePasswordChange()) m.put("requirePasswordChange", true);
        m.put("_updatedAt", date(u.updatedAt()));
        return m;
    }

    /** The caller as GET me and the login answer show it. */
    public static Map<String, Object> me(WithRoles w) {
        User u = w.user();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_id", u.id());
        m.put("username", u.username());
        m.put("name", u.name());
        m.put("emails", emails(u));
        m.put("status", u.status());
        if (u.statusText() != null) m.put("statusText", u.statusText());
        if (u.statusLivechat() != null) m.put("statusLivechat", u.statusLivechat());
        m.put("active", u.active());
        m.put("roles", w.roles());
        if (u.requirePasswordChange()) m.put("requirePasswordChange", true);
        m.put("services", Map.of("password", Map.of("exists", true)));
        return m;
    }
}
