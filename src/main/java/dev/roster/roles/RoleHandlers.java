package dev.roster.roles;

import static dev.roster.api.Schema.Type.ARRAY;
import static dev.roster.api.Schema.Type.STRING;
import static dev.roster.api.Schema.Type.STRING_ARRAY;
import static dev.roster.api.Schema.optional;
import static dev.roster.api.Schema.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.api.ApiError;
import dev.roster.api.Call;
import dev.roster.api.Reply;
import dev.roster.api.Route.Work;
import dev.roster.api.Schema;
import dev.roster.users.UserViews;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** permissions.listAll, permissions.update, roles.list, roles.addUserToRole, roles.removeUserFromRole (§5). */
public final class RoleHandlers {
    private static final Schema UPDATE = Schema.object(required("permissions", ARRAY).max(1000));
    private static final Schema UPDATE_ITEM = Schema.object(required("_id", STRING), required("roles", STRING_ARRAY).max(100));
    private static final Schema USER_ROLE = Schema.object(
            optional("roleId", STRING), optional("roleName", STRING), required("username", STRING), optional("roomId", STRING));

    private final RoleService roles;

    public RoleHandlers(RoleService roles) {
        this.roles = roles;
    }

    public Work listPermissions(Call call) {
        String since = call.query(Set.of("updatedSince")).string("updatedSince");
        long after;
        try {
            after = since == null ? Long.MIN_VALUE : Instant.parse(since).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiError.invalidParams("must match format \"date-time\"");
        }
        return () -> {
            List<Map<String, Object>> update = roles.permissions().stream()
                    .filter(p -> p.updatedAt() > after).map(RoleHandlers::permission).toList();
            return Reply.of("update", update, "remove", List.of());
        };
    }

    public Work updatePermissions(Call call) {
        ObjectNode b = call.body(UPDATE);
        Map<String, List<String>> changes = new LinkedHashMap<>();
        for (JsonNode item : b.get("permissions")) {
            ObjectNode p = UPDATE_ITEM.check(item);
            changes.put(Schema.text(p, "_id"), List.copyOf(new LinkedHashSet<>(Schema.strings(p, "roles"))));
        }
        return () -> Reply.of("permissions",
                roles.updatePermissions(changes, call.actor()).stream().map(RoleHandlers::permission).toList());
    }

    public Work listRoles(Call call) {
        return () -> Reply.of("roles", roles.roles().stream().map(RoleHandlers::role).toList());
    }

    public Work addUserToRole(Call call) {
        ObjectNode b = call.body(USER_ROLE);
        String role = roleOf(b);
        String username = Schema.text(b, "username");
        return () -> Reply.of("role", role(roles.addUserToRole(role, username, call.can("assign-admin-role"), call.actor())));
    }

    public Work removeUserFromRole(Call call) {
        ObjectNode b = call.body(USER_ROLE);
        String role = roleOf(b);
        String username = Schema.text(b, "username");
        return () -> Reply.of("role", role(roles.removeUserFromRole(role, username, call.actor())));
    }

    private static String roleOf(ObjectNode b) {
        String role = b.has("roleName") ? Schema.text(b, "roleName") : Schema.text(b, "roleId");
        if (role == null) throw ApiError.invalidParams("must have required property 'roleName'");
        return role;
    }

    private static Map<String, Object> permission(RoleStore.Permission p) {
        Map<String, Object> m = Reply.of("_id", p.id(), "roles", p.roles());
        m.put("_updatedAt", UserViews.date(p.updatedAt()));
        return m;
    }

    private static Map<String, Object> role(RoleStore.Role r) {
        Map<String, Object> m = Reply.of("_id", r.name(), "name", r.name());
        m.put("description", r.description());
        m.put("protected", r.isProtected());
        m.put("scope", "Users");
        m.put("mandatory2fa", false);
        return m;
    }
}
