package dev.roster.users;

import static dev.roster.api.Schema.Type.BOOLEAN;
import static dev.roster.api.Schema.Type.OBJECT;
import static dev.roster.api.Schema.Type.STRING;
import static dev.roster.api.Schema.Type.STRING_ARRAY;
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
import dev.roster.store.Ids;
import java.util.Map;
import java.util.Set;

/** The users.* endpoints (contract §4). */
public final class UserHandlers {
    static final String ASSIGN_ADMIN = "assign-admin-role";
    static final String EDIT_OTHERS = "edit-other-user-info";

    private static final Schema CREATE = Schema.object(
            required("username", STRING), required("email", STRING), required("name", STRING),
            required("password", STRING), optional("active", BOOLEAN), optional("roles", STRING_ARRAY),
            optional("verified", BOOLEAN), optional("requirePasswordChange", BOOLEAN),
            optional("joinDefaultChannels", BOOLEAN), optional("sendWelcomeEmail", BOOLEAN),
            optional("setRandomPassword", BOOLEAN));
    private static final Schema UPDATE = Schema.object(
            required("userId", STRING), required("data", OBJECT), optional("confirmRelinquish", BOOLEAN));
    private static final Schema UPDATE_DATA = Schema.object(
            optional("username", STRING), optional("email", STRING), optional("name", STRING),
            optional("password", STRING), optional("active", BOOLEAN), optional("roles", STRING_ARRAY),
            optional("verified", BOOLEAN), optional("requirePasswordChange", BOOLEAN), optional("statusText", STRING),
            optional("joinDefaultChannels", BOOLEAN), optional("sendWelcomeEmail", BOOLEAN));
    private static final Schema SET_ACTIVE = Schema.object(
            required("userId", STRING), required("activeStatus", BOOLEAN), optional("confirmRelinquish", BOOLEAN));
    private static final Schema SET_STATUS = Schema.object(
            optionalOneOf("status", "online", "away", "busy", "offline"), optional("message", STRING),
            optional("userId", STRING), optional("username", STRING));
    private static final Schema DELETE = Schema.object(
            optional("userId", STRING), optional("username", STRING), optional("confirmRelinquish", BOOLEAN));
    private static final Set<String> INFO_QUERY = Set.of("userId", "username", "fields");
    private static final Set<String> LIST_QUERY = Set.of("offset", "count", "sort", "text", "fields");

    private final UserService users;

    public UserHandlers(UserService users) {
        this.users = users;
    }

    public Map<String, Object> create(Call call) {
        ObjectNode b = call.body(CREATE);
        String password = Boolean.TRUE.equals(Schema.bool(b, "setRandomPassword")) ? Ids.newToken() : Schema.text(b, "password");
        var created = users.create(new UserService.NewUser(
                Schema.text(b, "username"), Schema.text(b, "email"), Schema.text(b, "name"), password,
                !Boolean.FALSE.equals(Schema.bool(b, "active")), Schema.strings(b, "roles"),
                Boolean.TRUE.equals(Schema.bool(b, "verified")), Boolean.TRUE.equals(Schema.bool(b, "requirePasswordChange"))),
                call.can(ASSIGN_ADMIN));
        return Reply.of("user", UserViews.user(created));
    }

    public Map<String, Object> info(Call call) {
        Query q = call.query(INFO_QUERY);
        String userId = q.string("userId");
        String username = q.string("username");
        if (userId == null && username == null) throw ApiError.invalidParams("must have required property 'userId'");
        var found = userId != null ? users.byId(userId) : users.byUsername(username);
        return Reply.of("user", UserViews.user(found.orElseThrow(() -> ApiError.plain(400, "User not found."))));
    }

    public Map<String, Object> list(Call call) {
        Query q = call.query(LIST_QUERY);
        Page page = Page.from(q, UserStore.SORTABLE, new Page.SortKey("username", true));
        var listed = users.list(UserStore.Filter.text(q.string("text")), page);
        Map<String, Object> reply = Reply.of("users", listed.users().stream().map(UserViews::user).toList());
        reply.put("count", listed.users().size());
        reply.put("offset", page.offset());
        reply.put("total", listed.total());
        return reply;
    }

    public Map<String, Object> update(Call call) {
        ObjectNode b = call.body(UPDATE);
        ObjectNode d = UPDATE_DATA.check(b.get("data"));
        var updated = users.update(Schema.text(b, "userId"), new UserService.Changes(
                Schema.text(d, "username"), Schema.text(d, "email"), Schema.text(d, "name"), Schema.text(d, "password"),
                Schema.bool(d, "active"), Schema.strings(d, "roles"), Schema.bool(d, "verified"),
                Schema.bool(d, "requirePasswordChange"), Schema.text(d, "statusText")),
                call.can(ASSIGN_ADMIN));
        return Reply.of("user", UserViews.user(updated));
    }

    public Map<String, Object> setActiveStatus(Call call) {
        ObjectNode b = call.body(SET_ACTIVE);
        User user = users.setActive(Schema.text(b, "userId"), Schema.bool(b, "activeStatus"));
        return Reply.of("user", Reply.of("_id", user.id(), "active", user.active()));
    }

    public Map<String, Object> setStatus(Call call) {
        ObjectNode b = call.body(SET_STATUS);
        String target = call.caller().id();
        if (b.has("userId") || b.has("username")) {
            String named = b.has("userId") ? Schema.text(b, "userId")
                    : users.byUsername(Schema.text(b, "username")).map(w -> w.user().id()).orElse(null);
            if (!call.caller().id().equals(named)) {
                call.require(EDIT_OTHERS);
                if (named == null) throw ApiError.code("error-invalid-user");
            }
            target = named;
        }
        users.setStatus(target, Schema.text(b, "status"), Schema.text(b, "message"));
        return Reply.ok();
    }

    public Map<String, Object> delete(Call call) {
        ObjectNode b = call.body(DELETE);
        String userId = Schema.text(b, "userId");
        if (userId == null) {
            String username = Schema.text(b, "username");
            if (username == null) throw ApiError.invalidParams("must have required property 'userId'");
            userId = users.byUsername(username).map(w -> w.user().id())
                    .orElseThrow(() -> ApiError.plain(400, "User not found."));
        }
        users.delete(userId);
        return Reply.ok();
    }
}
