package dev.roster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the HTTP tests: one real server and a fresh database per test class, an anonymous client, an admin
 * client, and helpers that create users through the API the way any client would.
 */
public abstract class ServerTest {
    protected static TestServer server;
    protected static Api anonymous;
    protected static Api admin;
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** A user made through users.create, with the password it was given. */
    public record TestUser(String id, String username, String name, String email, String password) {}

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
        anonymous = Api.anonymous(server);
        admin = anonymous.login(TestServer.ADMIN_USERNAME, TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** A unique username for this run. */
    protected static String uniqueName(String prefix) {
        return prefix + SEQ.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 100000, 36);
    }

    protected static TestUser createUser(String... roles) {
        return createNamedUser(uniqueName("u"), null, roles);
    }

    /** Creates a user with this username (name defaults to "Name <username>") and roles (default ["user"]). */
    protected static TestUser createNamedUser(String username, String name, String... roles) {
        String actualName = name != null ? name : "Name " + username;
        String email = username.toLowerCase() + "@example.com";
        String password = "pw-" + username;
        Api.Res res = admin.post("users.create", Api.map("username", username, "email", email, "name", actualName,
                "password", password, "roles", roles.length == 0 ? List.of("user") : List.of(roles)));
        assertThat(res.status()).as("users.create %s: %s", username, res).isEqualTo(200);
        return new TestUser(res.json().at("/user/_id").asText(), username, actualName, email, password);
    }

    protected static Api loginAs(TestUser user) {
        return anonymous.login(user.username(), user.password());
    }

    /** Creates a user, sets its presence, and registers it as an agent. */
    protected static TestUser createAgent(String presence) {
        TestUser u = createUser();
        assertThat(admin.post("users.setStatus", Map.of("userId", u.id(), "status", presence)).status()).isEqualTo(200);
        assertThat(admin.post("livechat/users/agent", Map.of("username", u.username())).status()).isEqualTo(200);
        return u;
    }

    protected static JsonNode json(String text) {
        return Api.json(text);
    }

    /** Asserts the exact status and the exact JSON body. */
    protected static void assertExactly(Api.Res res, int status, String expectedJson) {
        assertThat(res.status()).as("status of %s", res).isEqualTo(status);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(res.json()).as("body").isEqualTo(json(expectedJson));
    }

    public static final String UNAUTHENTICATED = """
            {"success":false,"status":"error","message":"You must be logged in to do this.","error":"You must be logged in to do this."}""";
    public static final String FORBIDDEN_ROUTE = """
            {"success":false,"error":"User does not have the permissions required for this action [error-unauthorized]"}""";
    public static final String FORBIDDEN = """
            {"success":false,"error":"unauthorized"}""";
    public static final String INVALID_USER = """
            {"success":false,"error":"error-invalid-user","errorType":"error-invalid-user"}""";
    public static final String INVALID_TYPE = """
            {"success":false,"error":"Invalid type"}""";

    public static String invalidParams(String message) {
        return "{\"success\":false,\"error\":\"" + message.replace("\"", "\\\"") + " [invalid-params]\",\"errorType\":\"invalid-params\"}";
    }
}
