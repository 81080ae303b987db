package dev.roster.omnichannel;

import dev.roster.users.User;
import dev.roster.users.UserViews;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of agents and managers (contract §2); neither has roles, a hash or a token. */
public final class StaffViews {
    private StaffViews() {}

    /** A staff member as GET livechat/users/:type/:_id shows it. */
    public static Map<String, Object> one(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_id", u.id());
        m.put("username", u.username());
        m.put("name", u.name());
        m.put("status", u.status());
        m.put("statusLivechat", u.statusLivechat());
        m.put("emails", UserViews.emails(u));
        m.put("livechat", null); // Roster keeps no per-agent livechat settings yet
        return m;
    }

    /** A staff member as the lists show it. */
    public static Map<String, Object> listItem(User u) {
        Map<String, Object> m = one(u);
        m.put("departments", List.of()); // departments do not exist yet
        return m;
    }
}
