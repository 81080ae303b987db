package dev.roster.omnichannel;

import static dev.roster.api.Schema.Type.STRING;
import static dev.roster.api.Schema.optional;
import static dev.roster.api.Schema.optionalOneOf;
import static dev.roster.api.Schema.required;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.api.ApiError;
import dev.roster.api.Call;
import dev.roster.api.Page;
import dev.roster.api.Query;
import dev.roster.api.Reply;
import dev.roster.api.Schema;
import dev.roster.users.User;
import dev.roster.users.UserStore;
import dev.roster.users.UserViews;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** livechat/users/:type (register, list), livechat/users/:type/:_id (read, remove) and livechat/agent.status. */
public final class StaffHandlers {
    private static final Schema REGISTER = Schema.object(required("username", STRING));
    private static final Schema AGENT_STATUS = Schema.object(
            optionalOneOf("status", StaffService.AVAILABLE, StaffService.NOT_AVAILABLE), optional("agentId", STRING));
    // query and fields are Rocket.Chat's deprecated generic parameters: accepted and ignored.
    private static final Set<String> LIST_QUERY = Set.of(
            "text", "offset", "count", "sort", "onlyAvailable", "excludeId", "showIdleAgents", "query", "fields");
    private static final Page.SortKey BY_NAME = new Page.SortKey("name", true);

    private final StaffService staff;

    public StaffHandlers(StaffService staff) {
        this.staff = staff;
    }

    public Map<String, Object> register(Call call) {
        ObjectNode b = call.body(REGISTER);
        StaffType type = StaffType.parse(call.path("type"));
        User user = staff.register(type, Schema.text(b, "username"));
        return Reply.of("user", Reply.of("_id", user.id(), "username", user.username()));
    }

    public Map<String, Object> list(Call call) {
        Query q = call.query(LIST_QUERY);
        String text = q.string("text");
        Page page = Page.from(q, UserStore.SORTABLE, BY_NAME);
        boolean onlyAvailable = q.bool("onlyAvailable", false);
        String excludeId = q.string("excludeId");
        boolean showIdle = q.bool("showIdleAgents", true);
        q.string("query");
        q.string("fields");
        StaffType type = StaffType.parse(call.path("type"));
        UserStore.Filter filter;
        if (type == StaffType.AGENT) {
            if (!call.can("transfer-livechat-guest") && !call.can("edit-omnichannel-contact")) throw ApiError.forbidden();
            filter = new UserStore.Filter(null, text, onlyAvailable, excludeId, !showIdle);
        } else {
            call.require("view-livechat-manager");
            filter = UserStore.Filter.text(text); // the agent-only parameters are ignored for managers
        }
        UserStore.Found found = staff.list(type, filter, page);
        Map<String, Object> reply = Reply.of("users", found.users().stream().map(StaffHandlers::listItem).toList());
        reply.put("count", found.users().size());
        reply.put("offset", page.offset());
        reply.put("total", found.total());
        return reply;
    }

    public Map<String, Object> one(Call call) {
        StaffType type = StaffType.parse(call.path("type"));
        return Reply.of("user", staff.one(type, call.path("_id")).map(StaffHandlers::one).orElse(null));
    }

    public Map<String, Object> remove(Call call) {
        StaffType type = StaffType.parse(call.path("type"));
        staff.remove(type, call.path("_id"));
        return Reply.ok();
    }

    public Map<String, Object> agentStatus(Call call) {
        ObjectNode b = call.body(AGENT_STATUS);
        String agentId = b.has("agentId") ? Schema.text(b, "agentId") : call.caller().id();
        if (!agentId.equals(call.caller().id())) call.require("manage-livechat-agents");
        return Reply.of("status", staff.setAgentStatus(agentId, Schema.text(b, "status")));
    }

    private static Map<String, Object> one(User u) {
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

    private static Map<String, Object> listItem(User u) {
        Map<String, Object> m = one(u);
        m.put("departments", List.of()); // departments do not exist yet
        return m;
    }
}
