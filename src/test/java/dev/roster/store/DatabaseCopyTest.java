package dev.roster.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.testing.Api;
import dev.roster.testing.TestDatabase;
import dev.roster.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The move from SQLite to PostgreSQL, end to end: serve on SQLite, copy, serve the same data on PostgreSQL. */
@Tag("postgres-only")
class DatabaseCopyTest {
    @TempDir
    Path dir;

    private static Map<String, Object> newUser(String username, List<String> roles) {
        return Map.of("username", username, "email", username + "@example.com", "name", "Copy " + username,
                "password", "pw-" + username, "roles", roles);
    }

    /** What a client can see of the data, to compare before and after the move. */
    private static List<JsonNode> snapshot(Api admin) {
        return List.of(
                admin.get("users.list", Map.of("count", "0")).json().get("users"),
                admin.get("livechat/users/agent", Map.of("count", "0")).json().get("users"),
                admin.get("livechat/users/manager", Map.of("count", "0")).json().get("users"),
                admin.get("permissions.listAll").json().get("update"));
    }

    @Test
    void copying_an_sqlite_installation_into_postgresql_keeps_users_tokens_roles_and_permissions() {
        String sqliteUrl = "jdbc:sqlite:" + dir.resolve("roster.db");
        String postgresUrl = TestDatabase.newPostgresUrl();
        List<JsonNode> before;
        Api agentSession;
        try (TestServer onSqlite = TestServer.start(Map.of("DATABASE_URL", sqliteUrl))) {
            Api admin = Api.anonymous(onSqlite).login(TestServer.ADMIN_USERNAME, TestServer.ADMIN_PASSWORD);
            assertThat(admin.post("users.create", newUser("alice", List.of("user"))).status()).isEqualTo(200);
            assertThat(admin.post("users.create", newUser("bob", List.of("user"))).status()).isEqualTo(200);
            Api.Res carol = admin.post("users.create", newUser("carol", List.of("user", "livechat-manager")));
            assertThat(admin.post("users.setStatus", Map.of("userId", carol.json().at("/user/_id").asText(), "status", "online")).status()).isEqualTo(200);
            assertThat(admin.post("livechat/users/agent", Map.of("username", "alice")).status()).isEqualTo(200);
            assertThat(admin.post("livechat/users/agent", Map.of("username", "carol")).status()).isEqualTo(200);
            Api.Res dave = admin.post("users.create", newUser("dave", List.of("user")));
            assertThat(admin.post("users.setActiveStatus", Map.of("userId", dave.json().at("/user/_id").asText(), "activeStatus", false)).status()).isEqualTo(200);
            assertThat(admin.post("permissions.update", Map.of("permissions",
                    List.of(Map.of("_id", "view-d-room", "roles", List.of("admin", "livechat-agent"))))).status()).isEqualTo(200);
            agentSession = Api.anonymous(onSqlite).login("alice", "pw-alice");
            before = snapshot(admin);
        }

        Map<String, Long> copied = DatabaseCopy.copy(sqliteUrl, postgresUrl);
        assertThat(copied.get("users")).isEqualTo(5);
        assertThat(copied.get("login_tokens")).isGreaterThanOrEqualTo(2);

        try (TestServer onPostgres = TestServer.start(Map.of("DATABASE_URL", postgresUrl))) {
            Api admin = Api.anonymous(onPostgres).login(TestServer.ADMIN_USERNAME, TestServer.ADMIN_PASSWORD);
            assertThat(snapshot(admin)).isEqualTo(before);
            Api sameToken = agentSession.onServer(onPostgres);
            assertThat(sameToken.get("me").json().get("username").asText()).isEqualTo("alice");
            assertThat(sameToken.get("users.list").status()).as("the changed grant came along").isEqualTo(200);
            assertThat(Api.anonymous(onPostgres).post("login", Map.of("user", "bob", "password", "pw-bob")).status()).isEqualTo(200);
            assertThat(Api.anonymous(onPostgres).post("login", Map.of("user", "dave", "password", "pw-dave")).status()).isEqualTo(401);
        }

        assertThatThrownBy(() -> DatabaseCopy.copy(sqliteUrl, postgresUrl))
                .isInstanceOf(DatabaseCopy.TargetNotEmpty.class);
    }
}
