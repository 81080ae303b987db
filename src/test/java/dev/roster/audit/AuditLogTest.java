package dev.roster.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import dev.roster.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every login, refused permission and role change is logged with actor, target, address and time (issue 4),
 * and no log line of any logger ever holds a password or a token.
 */
class AuditLogTest extends ServerTest {
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void capture() {
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void release() {
        root.detachAppender(captured);
    }

    private List<String> audit(String event) {
        return captured.list.stream().filter(e -> e.getLoggerName().equals("roster.audit"))
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("event=" + event + " ")).toList();
    }

    private List<String> everyLine() {
        return captured.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
    }

    private static final String TIME = "at=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";

    @Test
    void a_successful_login_names_the_user_the_address_and_the_time() {
        TestUser u = createUser();
        Api session = loginAs(u);
        assertThat(audit("login.success")).anySatisfy(line -> assertThat(line).matches(
                "event=login\\.success " + TIME + " actor=- ip=127\\.0\\.0\\.1 target=" + u.username() + "\\(" + session.userId() + "\\)"));
    }

    @Test
    void failed_logins_say_why_and_never_hold_the_password() {
        TestUser u = createUser();
        anonymous.post("login", Map.of("user", u.username(), "password", "Secret-Guess-1"));
        anonymous.post("login", Map.of("user", "no-such-user", "password", "Secret-Guess-2"));
        assertThat(audit("login.failure")).anySatisfy(line -> assertThat(line)
                .matches("event=login\\.failure " + TIME + " actor=- ip=127\\.0\\.0\\.1 target=" + u.username()
                        + "\\(" + u.id() + "\\) reason=incorrect-password"));
        assertThat(audit("login.failure")).anySatisfy(line -> assertThat(line)
                .contains("target=no-such-user reason=unknown-user"));
        assertThat(everyLine()).noneMatch(l -> l.contains("Secret-Guess") || l.contains(u.password()));
    }

    @Test
    void a_username_cannot_forge_an_audit_line() {
        anonymous.post("login", Map.of("user", "x reason=ok\nevent=login.success", "password", "p"));
        assertThat(audit("login.failure")).anySatisfy(line -> assertThat(line)
                .contains("target=\"x reason=ok\\u000aevent=login.success\" reason=unknown-user"));
        assertThat(everyLine()).noneMatch(l -> l.contains("\n"));
    }

    @Test
    void a_refused_permission_names_the_caller_the_route_and_the_permission() {
        TestUser u = createUser();
        Api session = loginAs(u);
        assertThat(session.post("livechat/users/agent", Map.of("username", u.username())).status()).isEqualTo(403);
        assertThat(session.get("livechat/users/manager").status()).isEqualTo(403);
        String actor = u.username() + "\\(" + u.id() + "\\)";
        assertThat(audit("permission.refused")).anySatisfy(line -> assertThat(line).matches("event=permission\\.refused "
                + TIME + " actor=" + actor + " ip=127\\.0\\.0\\.1 target=- route=\"POST livechat/users/\\{type\\}\" permission=view-livechat-manager"));
        assertThat(audit("permission.refused")).anySatisfy(line -> assertThat(line)
                .contains("route=\"GET livechat/users/{type}\" permission=view-livechat-manager"));
    }

    @Test
    void role_changes_name_the_actor_the_target_and_the_role() {
        TestUser u = createUser();
        String adminActor = TestServer.ADMIN_USERNAME + "(" + admin.userId() + ")";
        String target = u.username() + "(" + u.id() + ")";
        assertThat(admin.post("livechat/users/agent", Map.of("username", u.username())).status()).isEqualTo(200);
        assertThat(admin.post("livechat/users/agent", Map.of("username", u.username())).status()).isEqualTo(200);
        assertThat(admin.post("roles.addUserToRole", Map.of("roleName", "livechat-monitor", "username", u.username())).status()).isEqualTo(200);
        assertThat(admin.delete("livechat/users/agent/" + u.id()).status()).isEqualTo(200);
        assertThat(audit("role.granted")).filteredOn(l -> l.contains("target=" + target))
                .hasSize(3) // "user" at creation, then agent once (registering again changes nothing), then monitor
                .allSatisfy(l -> assertThat(l).contains(" actor=" + adminActor + " ip=127.0.0.1 "))
                .anySatisfy(l -> assertThat(l).endsWith(" role=livechat-agent"))
                .anySatisfy(l -> assertThat(l).endsWith(" role=livechat-monitor"));
        assertThat(audit("role.revoked")).filteredOn(l -> l.contains("target=" + target)).singleElement()
                .satisfies(l -> assertThat(l).endsWith(" role=livechat-agent"));
    }

    @Test
    void a_refused_role_change_is_not_logged_as_a_change() {
        assertThat(admin.post("roles.removeUserFromRole", Map.of("roleName", "admin", "username", TestServer.ADMIN_USERNAME)).status())
                .isEqualTo(400);
        assertThat(audit("role.revoked")).isEmpty();
    }

    @Test
    void permission_grants_changes_are_logged_with_the_new_roles() {
        Api.Res res = admin.post("permissions.update", Map.of("permissions",
                List.of(Map.of("_id", "view-l-room", "roles", List.of("admin", "livechat-agent")))));
        assertThat(res.status()).isEqualTo(200);
        admin.post("permissions.update", Map.of("permissions", List.of(Map.of("_id", "view-l-room",
                "roles", List.of("admin", "livechat-manager", "livechat-monitor", "livechat-agent")))));
        assertThat(audit("permission.changed")).anySatisfy(l -> assertThat(l)
                .contains("target=view-l-room roles=admin,livechat-agent"));
    }

    @Test
    void no_log_line_holds_a_token_or_a_password() {
        TestUser u = createUser();
        Api session = loginAs(u);
        session.get("me");
        session.post("login", Map.of("resume", session.token()));
        admin.post("users.update", Map.of("userId", u.id(), "data", Map.of("password", "Changed-Password-9")));
        session.post("logout", Map.of());
        assertThat(everyLine()).isNotEmpty().noneMatch(l -> l.contains(session.token()) || l.contains(admin.token())
                || l.contains(u.password()) || l.contains("Changed-Password-9") || l.contains(TestServer.ADMIN_PASSWORD));
    }
}
