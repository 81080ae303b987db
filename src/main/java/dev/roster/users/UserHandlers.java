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
import dev.roster.api.Route.Work;
import dev.roster.api.Schema;
import dev.roster.store.Ids;
import java.util.Map;
import java.util.Set;

/** The users.* endpoints (contract §4). */
public final class UserHandlers {
    static final String ASSIGN_ADMIN = "assign-admin-role";
    static final String EDIT_OTHERS = "edit-other-user-info";
    // Bounds on what a user record stores (docs/compatibility.md); Rocket.Chat's own bound on status text is 120.
    static final int USERNAME_MAX = 255;
    static final int EMAIL_MAX = 254;
    static final int NAME_MAX = 255;
    static final int STATUS_TEXT_MAX = 120;
    static final int ROLES_MAX = 50;

    private static final Schema CREATE = Schema.object(
            required("username", STRING).max(USERNAME_MAX), required("email", STRING).max(EMAIL_MAX),
            required("name", STRING).max(NAME_MAX), required("password", STRING), optional("active", BOOLEAN),
            optional("roles", STRING_ARRAY).max(ROLES_MAX),
            optional("verified", BOOLEAN), optional("requirePasswordChange", BOOLEAN),
            optional("joinDefaultChannels", BOOLEAN), optional("sendWelcomeEmail", BOOLEAN),
            optional("setRandomPassword", BOOLEAN));
    private static final Schema UPDATE = Schema.object(
            required("userId", STRING), required("data", OBJECT), optional("confirmRelinquish", BOOLEAN));
    private static final Schema UPDATE_DATA = Schema.object(
            optional("username", STRING).max(USERNAME_MAX), optional("email", STRING).max(EMAIL_MAX),
            optional("name", STRING).max(NAME_MAX), optional("password", STRING), optional("active", BOOLEAN),
            optional("roles", STRING_ARRAY).max(ROLES_MAX), optional("verified", BOOLEAN),
            optional("requirePasswordChange", BOOLEAN), optional("statusText", STRING).max(STATUS_TEXT_MAX),
            optional("joinDefaultChannels", BOOLEAN), optional("sendWelcomeEmail", BOOLEAN));
    private static final Schema SET_ACTIVE = Schema.object(
            required("userId", STRING), required("activeStatus", BOOLEAN), optional("confirmRelinquish", BOOLEAN));
    private static final Schema SET_STATUS = Schema.object(
            optionalOneOf("status", "online", "away", "busy", "offline"), optional("message", STRING).max(STATUS_TEXT_MAX),
            optional("userId", STRING), optional("username", STRING));
    private static final Schema DELETE = Schema.object(
            optional("userId", STRING), optional("username", STRING), optional("confirmRelinquish", BOOLEAN));
    private static final Set<String> INFO_QUERY = Set.of("userId", "username", "fields");
    private static final Set<String> LIST_QUERY = Set.of("offset", "count", "sort", "text", "fields");

    private final UserService users;

    public UserHandlers(UserService users) {
        this.users = users;
    }

    public Work create(Call call) {
        ObjectNode b = call.body(CREATE);
        String password = Boolean.TRUE.equals(Schema.bool(b, "setRandomPassword")) ? Ids.newToken() : Schema.text(b, "password");
        var user = new UserService.NewUser(
                Schema.text(b, "username"), Schema.text(b, "email"), Schema.text(b, "name"), password,
                !Boolean.FALSE.equals(Schema.bool(b, "active")), Schema.strings(b, "roles"),
                Boolean.TRUE.equals(Schema.bool(b, "verified")), Boolean.TRUE.equals(Schema.bool(b, "requirePasswordChange")));
        return () -> Reply.of("user", UserViews.user(users.create(user, call.can(ASSIGN_ADMIN), call.actor())));
    }

    public Work info(Call call) {
        Query q = call.query(INFO_QUERY);
        String userId = q.string("userId");
        String username = q.string("username");
        q.string("fields");
        if (userId == null && username == null) throw ApiError.invalidParams("must have required property 'userId'");
        return () -> {
            var found = userId != null ? users.byId(userId) : users.byUsername(username);
            return Reply.of("user", UserViews.user(found.orElseThrow(() -> ApiError.plain(400, "User not found."))));
        };
    }

    public Work list(Call call) {
        Query q = call.query(LIST_QUERY);
        Page page = Page.from(q, UserStore.SORTABLE, new Page.SortKey("username", true));
        UserStore.Filter filter = UserStore.Filter.text(q.string("text"));
        q.string("fields");
        return () -> {
            var listed = users.list(filter, page);
            return Reply.page(listed.users().stream().map(UserViews::user).toList(), page.offset(), listed.total());
        };
    }

    public Work update(Call call) {
        ObjectNode b = call.body(UPDATE);
        ObjectNode d = UPDATE_DATA.check(b.get("data"));
        String userId = Schema.text(b, "userId");
        var changes = new UserService.Changes(
                Schema.text(d, "username"), Schema.text(d, "email"), Schema.text(d, "name"), Schema.text(d, "password"),
                Schema.bool(d, "active"), Schema.strings(d, "roles"), Schema.bool(d, "verified"),
                Schema.bool(d, "requirePasswordChange"), Schema.text(d, "statusText"));
        return () -> Reply.of("user", UserViews.user(users.update(userId, changes, call.can(ASSIGN_ADMIN), call.actor())));
    }

    public Work setActiveStatus(Call call) {
        ObjectNode b = call.body(SET_ACTIVE);
        String userId = Schema.text(b, "userId");
        boolean active = Schema.bool(b, "activeStatus");
        return () -> {
            User user = users.setActive(userId, active, call.actor());
            return Reply.of("user", Reply.of("_id", user.id(), "active", user.active()));
        };
    }

    public Work setStatus(Call call) {
        ObjectNode b = call.body(SET_STATUS);
        String userId = Schema.text(b, "userId");
        String username = Schema.text(b, "username");
        String status = Schema.text(b, "status");
        String message = Schema.text(b, "message");
        return () -> {
            String target = call.caller().id();
            if (userId != null || username != null) {
                String named = userId != null ? userId : users.byUsername(username).map(w -> w.user().id()).orElse(null);
                if (!call.caller().id().equals(named)) {
                    call.require(EDIT_OTHERS);
                    if (named == null) throw ApiError.code("error-invalid-user");
                }
                target = named;
            }
            users.setStatus(target, status, message);
            return Reply.ok();
        };
    }

    public Work delete(Call call) {
        ObjectNode b = call.body(DELETE);
        String userId = Schema.text(b, "userId");
        String username = Schema.text(b, "username");
        if (userId == null && username == null) throw ApiError.invalidParams("must have required property 'userId'");
        return () -> {
            String id = userId != null ? userId : users.byUsername(username).map(w -> w.user().id())
                    .orElseThrow(() -> ApiError.plain(400, "User not found."));
            users.delete(id, call.actor());
            return Reply.ok();
        };
    }
}
