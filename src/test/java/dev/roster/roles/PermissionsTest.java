package dev.roster.roles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** GET permissions.listAll and POST permissions.update (contract §5). */
class PermissionsTest extends ServerTest {

    /** The contract §5 table; a permission not listed is admin-only. */
    private static final Map<String, Set<String>> DEFAULT_GRANTS = Map.of(
            "view-livechat-manager", Set.of("admin", "livechat-manager", "livechat-monitor"),
            "manage-livechat-agents", Set.of("admin", "livechat-manager", "livechat-monitor"),
            "manage-livechat-managers", Set.of("admin", "livechat-manager"),
            "transfer-livechat-guest", Set.of("admin", "livechat-manager", "livechat-monitor"),
            "edit-omnichannel-contact", Set.of("admin", "livechat-manager", "livechat-agent"),
            "view-l-room", Set.of("admin", "livechat-manager", "livechat-monitor", "livechat-agent"),
            "view-d-room", Set.of("admin", "user"),
            "api-bypass-rate-limit", Set.of("admin", "bot"));
    private static final List<String> ADMIN_ONLY = List.of(
            "access-permissions", "create-user", "delete-user", "assign-admin-role", "edit-other-user-info");

    private static final String INVALID_PERMISSION = """
            {"success":false,"error":"Invalid permission","errorType":"error-invalid-permission"}""";
    private static final String INVALID_ROLE = """
            {"success":false,"error":"Invalid role","errorType":"error-invalid-role"}""";

    private static Map<String, Set<String>> grants() {
        Api.Res res = admin.get("permissions.listAll");
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (JsonNode p : res.json().get("update")) out.put(p.get("_id").asText(), strings(p.get("roles")));
        return out;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Set<String> defaultRoles(String permission) {
        return DEFAULT_GRANTS.getOrDefault(permission, Set.of("admin"));
    }

    private static Api.Res update(Object... idsAndRoles) {
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int i = 0; i < idsAndRoles.length; i += 2) items.add(Api.map("_id", idsAndRoles[i], "roles", idsAndRoles[i + 1]));
        return admin.post("permissions.update", Map.of("permissions", items));
    }

    private static void restoreDefaults(String... permissions) {
        for (String p : permissions) {
            assertThat(update(p, List.copyOf(defaultRoles(p))).status()).as("restoring %s", p).isEqualTo(200);
        }
    }

    private static void assertDefaults(String... permissions) {
        Map<String, Set<String>> now = grants();
        for (String p : permissions) assertThat(now.get(p)).as(p).isEqualTo(defaultRoles(p));
    }

    @Test
    void list_all_answers_exactly_update_remove_and_success() {
        Api.Res res = admin.get("permissions.listAll");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("update", "remove", "success");
        assertThat(res.json().get("success").asBoolean()).isTrue();
        assertThat(res.json().get("remove")).isEqualTo(json("[]"));
        assertThat(res.json().get("update")).isNotEmpty();
    }

    @Test
    void every_listed_permission_has_an_id_roles_and_an_updated_at() {
        for (JsonNode p : admin.get("permissions.listAll").json().get("update")) {
            assertThat(p.get("_id").isTextual()).as("_id of %s", p).isTrue();
            assertThat(p.get("roles").isArray()).as("roles of %s", p).isTrue();
            p.get("roles").forEach(r -> assertThat(r.isTextual()).as("role in %s", p).isTrue());
            assertThat(p.has("_updatedAt") && !p.get("_updatedAt").isNull()).as("_updatedAt of %s", p).isTrue();
        }
    }

    @Test
    void a_plain_user_may_list_all_permissions() {
        Api.Res res = loginAs(createUser()).get("permissions.listAll");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().get("update")).hasSameSizeAs(admin.get("permissions.listAll").json().get("update"));
    }

    @Test
    void the_default_grants_are_exactly_the_contract_table() {
        Map<String, Set<String>> now = grants();
        DEFAULT_GRANTS.forEach((permission, roles) -> assertThat(now.get(permission)).as(permission).isEqualTo(roles));
    }

    @Test
    void the_permissions_the_contract_names_outside_the_table_are_admin_only() {
        Map<String, Set<String>> now = grants();
        for (String p : ADMIN_ONLY) assertThat(now.get(p)).as(p).isEqualTo(Set.of("admin"));
    }

    @Test
    void every_permission_outside_the_table_is_admin_only_by_default() {
        grants().forEach((permission, roles) -> {
            if (!DEFAULT_GRANTS.containsKey(permission)) assertThat(roles).as(permission).isEqualTo(Set.of("admin"));
        });
    }

    @Test
    void update_replaces_the_roles_and_answers_all_permissions() {
        try {
            Api.Res res = update("transfer-livechat-guest", List.of("admin", "livechat-agent"));
            assertThat(res.status()).as("%s", res).isEqualTo(200);
            assertThat(res.json().properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("permissions", "success");
            assertThat(res.json().get("success").asBoolean()).isTrue();
            Map<String, Set<String>> answered = new LinkedHashMap<>();
            for (JsonNode p : res.json().get("permissions")) answered.put(p.get("_id").asText(), strings(p.get("roles")));
            Map<String, Set<String>> listed = grants();
            assertThat(answered).isEqualTo(listed);
            assertThat(listed.get("transfer-livechat-guest")).isEqualTo(Set.of("admin", "livechat-agent"));
        } finally {
            restoreDefaults("transfer-livechat-guest");
        }
    }

    @Test
    void update_to_no_roles_at_all_leaves_the_permission_with_none() {
        try {
            assertThat(update("manage-livechat-managers", List.of()).status()).isEqualTo(200);
            assertThat(grants().get("manage-livechat-managers")).isEmpty();
        } finally {
            restoreDefaults("manage-livechat-managers");
        }
    }

    @Test
    void an_unknown_permission_is_400_invalid_permission() {
        assertExactly(update("no-such-permission", List.of("admin")), 400, INVALID_PERMISSION);
    }

    @Test
    void an_unknown_permission_after_a_valid_one_changes_nothing() {
        try {
            assertExactly(update("transfer-livechat-guest", List.of("admin"), "no-such-permission", List.of("admin")),
                    400, INVALID_PERMISSION);
            assertDefaults("transfer-livechat-guest");
        } finally {
            restoreDefaults("transfer-livechat-guest");
        }
    }

    @Test
    void an_unknown_role_is_400_invalid_role_and_changes_nothing() {
        try {
            assertExactly(update("view-livechat-manager", List.of("admin", "no-such-role")), 400, INVALID_ROLE);
            assertDefaults("view-livechat-manager");
        } finally {
            restoreDefaults("view-livechat-manager");
        }
    }

    @Test
    void an_unknown_role_after_a_valid_permission_changes_nothing_at_all() {
        try {
            assertExactly(update("transfer-livechat-guest", List.of("admin"),
                    "view-livechat-manager", List.of("admin", "no-such-role")), 400, INVALID_ROLE);
            assertDefaults("transfer-livechat-guest", "view-livechat-manager");
        } finally {
            restoreDefaults("transfer-livechat-guest", "view-livechat-manager");
        }
    }

    @Test
    void update_needs_access_permissions_and_a_refusal_changes_nothing() {
        Api plain = loginAs(createUser());
        Api manager = loginAs(createUser("livechat-manager"));
        Map<String, Object> body = Map.of("permissions", List.of(Map.of("_id", "view-livechat-manager", "roles", List.of("user"))));
        try {
            assertExactly(plain.post("permissions.update", body), 403, FORBIDDEN_ROUTE);
            assertExactly(manager.post("permissions.update", body), 403, FORBIDDEN_ROUTE);
            assertDefaults("view-livechat-manager");
        } finally {
            restoreDefaults("view-livechat-manager");
        }
    }

    @Test
    void a_change_takes_effect_on_the_very_next_request_of_an_existing_session() {
        Api manager = loginAs(createUser("livechat-manager"));
        TestUser target = createUser();
        assertThat(manager.get("livechat/users/manager").status()).isEqualTo(200);
        try {
            assertThat(update("view-livechat-manager", List.of("admin", "livechat-monitor")).status()).isEqualTo(200);
            assertExactly(manager.post("livechat/users/agent", Map.of("username", target.username())), 403, FORBIDDEN_ROUTE);
            assertExactly(manager.get("livechat/users/manager"), 403, FORBIDDEN);
        } finally {
            restoreDefaults("view-livechat-manager");
        }
        assertThat(manager.get("livechat/users/manager").status()).isEqualTo(200);
        assertThat(manager.post("livechat/users/agent", Map.of("username", target.username())).status()).isEqualTo(200);
    }

    @Test
    void a_permission_given_to_a_role_applies_to_an_existing_session_at_once() {
        Api agent = loginAs(createUser("livechat-agent"));
        assertExactly(agent.get("livechat/users/manager"), 403, FORBIDDEN);
        try {
            assertThat(update("view-livechat-manager", List.of("admin", "livechat-manager", "livechat-monitor", "livechat-agent"))
                    .status()).isEqualTo(200);
            assertThat(agent.get("livechat/users/manager").status()).isEqualTo(200);
        } finally {
            restoreDefaults("view-livechat-manager");
        }
        assertExactly(agent.get("livechat/users/manager"), 403, FORBIDDEN);
    }

    @Test
    void an_item_without_roles_is_400_required_property() {
        assertExactly(admin.post("permissions.update", Map.of("permissions", List.of(Map.of("_id", "view-d-room")))), 400,
                invalidParams("must have required property 'roles'"));
    }

    @Test
    void an_item_without_an_id_is_400_required_property() {
        assertExactly(admin.post("permissions.update", Map.of("permissions", List.of(Map.of("roles", List.of("admin"))))), 400,
                invalidParams("must have required property '_id'"));
    }

    @Test
    void roles_that_are_not_an_array_are_400_must_be_array() {
        assertExactly(update("view-d-room", "admin"), 400, invalidParams("must be array"));
        assertExactly(update("view-d-room", null), 400, invalidParams("must be array"));
    }

    @Test
    void roles_that_are_not_all_strings_are_400_must_be_string() {
        assertExactly(update("view-d-room", List.of("admin", 1)), 400, invalidParams("must be string"));
    }

    @Test
    void an_item_with_an_extra_key_is_400_additional_properties() {
        assertExactly(admin.post("permissions.update", Map.of("permissions",
                List.of(Map.of("_id", "view-d-room", "roles", List.of("admin", "user"), "group", "x")))), 400,
                invalidParams("must NOT have additional properties"));
    }

    @Test
    void a_malformed_item_after_a_valid_one_changes_nothing() {
        try {
            assertExactly(admin.post("permissions.update", Map.of("permissions", List.of(
                    Map.of("_id", "transfer-livechat-guest", "roles", List.of("admin")),
                    Map.of("_id", "view-d-room")))), 400, invalidParams("must have required property 'roles'"));
            assertDefaults("transfer-livechat-guest");
        } finally {
            restoreDefaults("transfer-livechat-guest");
        }
    }

    @Test
    void a_body_without_permissions_is_400_required_property() {
        assertExactly(admin.post("permissions.update", Map.of()), 400, invalidParams("must have required property 'permissions'"));
    }

    @Test
    void not_logged_in_is_401_for_both_endpoints() {
        assertExactly(anonymous.get("permissions.listAll"), 401, UNAUTHENTICATED);
        assertExactly(anonymous.post("permissions.update", Map.of("permissions", List.of())), 401, UNAUTHENTICATED);
    }
}
