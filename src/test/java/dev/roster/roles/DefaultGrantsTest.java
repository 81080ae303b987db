package dev.roster.roles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each default role may do on each endpoint, derived from the contract: §5's default grants, §2's and §4's
 * route permissions (403 with the route body) and the permissions checked inside handlers (403 "unauthorized").
 */
class DefaultGrantsTest extends ServerTest {

    /** Contract §5: the roles each permission is granted to by default; one not listed is admin-only. */
    private static final Map<String, Set<String>> GRANTS = Map.of(
            "view-livechat-manager", Set.of("admin", "livechat-manager", "livechat-monitor"),
            "manage-livechat-agents", Set.of("admin", "livechat-manager", "livechat-monitor"),
            "manage-livechat-managers", Set.of("admin", "livechat-manager"),
            "transfer-livechat-guest", Set.of("admin", "livechat-manager", "livechat-monitor"),
            "edit-omnichannel-contact", Set.of("admin", "livechat-manager", "livechat-agent"),
            "view-l-room", Set.of("admin", "livechat-manager", "livechat-monitor", "livechat-agent"),
            "view-d-room", Set.of("admin", "user"),
            "api-bypass-rate-limit", Set.of("admin", "bot"));

    private static final List<String> ROLES = List.of("admin", "livechat-manager", "livechat-monitor", "livechat-agent", "user");

    private static boolean grants(String role, String permission) {
        return GRANTS.getOrDefault(permission, Set.of("admin")).contains(role);
    }

    /**
     * The endpoints under test: the route permission (null: any logged-in user), the permissions checked inside
     * the handler (any one of them suffices; empty: none), and the call, which makes its own fresh data.
     */
    enum Endpoint {
        REGISTER_AGENT("view-livechat-manager", List.of(),
                api -> api.post("livechat/users/agent", Map.of("username", createUser().username()))),
        LIST_AGENTS(null, List.of("transfer-livechat-guest", "edit-omnichannel-contact"),
                api -> api.get("livechat/users/agent")),
        LIST_MANAGERS(null, List.of("view-livechat-manager"),
                api -> api.get("livechat/users/manager")),
        GET_AGENT("view-livechat-manager", List.of(),
                api -> api.get("livechat/users/agent/" + createAgent("online").id())),
        DELETE_AGENT("view-livechat-manager", List.of(),
                api -> api.delete("livechat/users/agent/" + createAgent("online").id())),
        SET_ANOTHER_AGENTS_STATUS("view-l-room", List.of("manage-livechat-agents"),
                api -> api.post("livechat/agent.status", Map.of("agentId", createAgent("online").id(), "status", "not-available"))),
        CREATE_USER("create-user", List.of(),
                api -> {
                    String username = uniqueName("c");
                    return api.post("users.create", Map.of("username", username, "email", username + "@example.com",
                            "name", "Name " + username, "password", "pw-" + username));
                }),
        LIST_USERS("view-d-room", List.of(),
                api -> api.get("users.list")),
        UPDATE_PERMISSIONS("access-permissions", List.of(),
                // sets view-d-room to its default roles: allowed or not, the grants stay the contract's
                api -> api.post("permissions.update",
                        Map.of("permissions", List.of(Map.of("_id", "view-d-room", "roles", List.of("admin", "user"))))));

        final String routePermission;
        final List<String> handlerPermissions;
        final Function<Api, Api.Res> call;

        Endpoint(String routePermission, List<String> handlerPermissions, Function<Api, Api.Res> call) {
            this.routePermission = routePermission;
            this.handlerPermissions = handlerPermissions;
            this.call = call;
        }
    }

    static List<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (Endpoint e : Endpoint.values()) for (String role : ROLES) out.add(Arguments.of(role, e));
        return out;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("matrix")
    void each_default_role_gets_the_answer_its_default_grants_give(String role, Endpoint endpoint) {
        Api caller = loginAs(createUser(role));
        Api.Res res = endpoint.call.apply(caller);
        if (endpoint.routePermission != null && !grants(role, endpoint.routePermission)) {
            assertExactly(res, 403, FORBIDDEN_ROUTE);
        } else if (!endpoint.handlerPermissions.isEmpty()
                && endpoint.handlerPermissions.stream().noneMatch(p -> grants(role, p))) {
            assertExactly(res, 403, FORBIDDEN);
        } else {
            assertThat(res.status()).as("%s", res).isEqualTo(200);
            assertThat(res.json().get("success").asBoolean()).as("%s", res).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void not_logged_in_is_401(Endpoint endpoint) {
        assertExactly(endpoint.call.apply(anonymous), 401, UNAUTHENTICATED);
    }
}
