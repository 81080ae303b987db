package dev.roster.omnichannel;

import static dev.roster.api.Schema.Type.STRING;
import static dev.roster.api.Schema.optional;
import static dev.roster.api.Schema.optionalOneOf;
import static dev.roster.api.Schema.required;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.api.Call;
import dev.roster.api.Page;
import dev.roster.api.Query;
import dev.roster.api.Reply;
import dev.roster.api.Route.Work;
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
    static final Page.SortKey BY_NAME = new Page.SortKey("name", true);

    private final StaffService staff;

    public StaffHandlers(StaffService staff) {
        this.staff = staff;
    }

    public Work register(Call call) {
        ObjectNode b = call.body(REGISTER);
        StaffType type = StaffType.parse(call.path("type"));
        String username = Schema.text(b, "username");
        return () -> {
            User user = staff.register(type, username, call.actor());
            return Reply.of("user", Reply.of("_id", user.id(), "username", user.username()));
        };
    }

    public Work list(Call call) {
        Query q = call.query(LIST_QUERY);
        String text = q.string("text");
        Page page = Page.from(q, UserStore.SORTABLE, BY_NAME);
        boolean onlyAvailable = q.bool("onlyAvailable", false);
        String excludeId = q.string("excludeId");
        boolean showIdle = q.bool("showIdleAgents", true);
        q.string("query");
        q.string("fields");
        StaffType type = StaffType.parse(call.path("type"));
        UserStore.Filter filter = type == StaffType.AGENT
                ? new UserStore.Filter(null, text, onlyAvailable, excludeId, !showIdle)
                : UserStore.Filter.text(text); // the agent-only parameters are ignored for managers
        return () -> {
            if (type == StaffType.AGENT) call.requireAny("transfer-livechat-guest", "edit-omnichannel-contact");
            else call.require("view-livechat-manager");
            StaffDirectory.Listed listed = staff.list(type, filter, page);
            return Reply.page(listed.items(), page.offset(), listed.total());
        };
    }

    public Work one(Call call) {
        StaffType type = StaffType.parse(call.path("type"));
        String id = call.path("_id");
        return () -> Reply.of("user", staff.one(type, id).map(StaffViews::one).orElse(null));
    }

    public Work remove(Call call) {
        StaffType type = StaffType.parse(call.path("type"));
        String id = call.path("_id");
        return () -> {
            staff.remove(type, id, call.actor());
            return Reply.ok();
        };
    }

    public Work agentStatus(Call call) {
        ObjectNode b = call.body(AGENT_STATUS);
        String agentId = b.has("agentId") ? Schema.text(b, "agentId") : call.caller().id();
        String status = Schema.text(b, "status");
        return () -> {
            if (!agentId.equals(call.caller().id())) call.require("manage-livechat-agents");
            return Reply.of("status", staff.setAgentStatus(agentId, status));
        };
    }
}
