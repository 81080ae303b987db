package dev.roster.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every request gets (contract §1) and GET /api/info (§8). */
class BasicsTest extends ServerTest {
    private static final String NOT_FOUND = """
            {"success":false,"error":"Resource not found"}""";
    private static final String MALFORMED = """
            {"success":false,"error":"Malformed JSON body [invalid-params]","errorType":"invalid-params"}""";
    private static final String TOO_LARGE = """
            {"success":false,"error":"Request body too large"}""";

    /** A JSON body of about 2 MiB. */
    private static String hugeBody() {
        return "{\"username\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    }

    /**
     * POSTs with "Expect: 100-continue", as careful clients send large bodies: the server can refuse the body before
     * it is sent, so the answer never races the upload. Credentials are sent when the client has them.
     */
    private static Api.Res postExpectingContinue(Api client, String path, String body) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/" + path))
                .expectContinue(true).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (client.userId() != null) req.header("X-User-Id", client.userId());
        if (client.token() != null) req.header("X-Auth-Token", client.token());
        try {
            HttpResponse<String> res = HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Res(res.statusCode(), res.headers(), res.body(), Api.JSON.readTree(res.body()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertNosniff(Api.Res res) {
        assertThat(res.headers().firstValue("X-Content-Type-Options")).as("nosniff on %s", res).hasValue("nosniff");
    }

    @Test
    void api_info_needs_no_auth_and_answers_exactly_version_and_success() {
        Api.Res res = anonymous.get("/api/info");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(res.json().fieldNames()).toIterable().containsExactlyInAnyOrder("version", "success");
        assertThat(res.json().get("success").asBoolean()).isTrue();
        assertThat(res.json().get("version").isTextual()).isTrue();
        assertThat(res.json().get("version").asText()).isNotEmpty();
    }

    @Test
    void an_unknown_get_route_is_404_resource_not_found() {
        assertExactly(admin.get("roster.no-such-route"), 404, NOT_FOUND);
        assertExactly(anonymous.get("roster.no-such-route"), 404, NOT_FOUND);
    }

    @Test
    void an_unknown_post_route_is_404_resource_not_found() {
        assertExactly(admin.post("livechat/no-such-thing", Map.of("username", "x")), 404, NOT_FOUND);
        assertExactly(anonymous.post("livechat/no-such-thing", Map.of("username", "x")), 404, NOT_FOUND);
    }

    @Test
    void a_wrong_method_on_a_known_path_is_404_resource_not_found() {
        assertExactly(admin.send("DELETE", "me", null, null), 404, NOT_FOUND);
        assertExactly(admin.post("me", Map.of()), 404, NOT_FOUND);
        assertExactly(admin.get("login"), 404, NOT_FOUND);
        assertExactly(admin.get("users.create"), 404, NOT_FOUND);
        assertExactly(admin.send("PUT", "livechat/users/agent", "{}", "application/json"), 404, NOT_FOUND);
    }

    @Test
    void malformed_json_is_400_malformed_json_body() {
        assertExactly(admin.postRaw("users.setStatus", "{\"status\": \"away\"", "application/json"), 400, MALFORMED);
        assertExactly(anonymous.postRaw("login", "{not json", "application/json"), 400, MALFORMED);
    }

    @Test
    void trailing_data_after_the_json_value_is_malformed() {
        TestUser u = createUser();
        String body = "{\"user\":\"" + u.username() + "\",\"password\":\"" + u.password() + "\"} x";
        assertExactly(anonymous.postRaw("login", body, "application/json"), 400, MALFORMED);
        assertExactly(anonymous.postRaw("login", "{\"user\":\"a\"}{\"user\":\"b\"}", "application/json"), 400, MALFORMED);
    }

    @Test
    void a_body_over_one_mib_is_413_request_body_too_large() {
        assertExactly(postExpectingContinue(admin, "livechat/users/agent", hugeBody()), 413, TOO_LARGE);
        assertExactly(postExpectingContinue(admin, "login", hugeBody()), 413, TOO_LARGE);
    }

    @Test
    void a_body_over_one_mib_without_credentials_is_413() {
        assertExactly(postExpectingContinue(anonymous, "livechat/users/agent", hugeBody()), 413, TOO_LARGE);
    }

    /** A client that sends the whole body before reading (no 100-continue), as most do, must still read the 413. */
    @Test
    void a_client_that_uploads_the_whole_oversized_body_always_reads_the_413() {
        String body = hugeBody();
        for (int i = 0; i < 30; i++) {
            Api client = i % 2 == 0 ? admin : anonymous;
            assertExactly(client.postRaw("livechat/users/agent", body, "application/json"), 413, TOO_LARGE);
        }
    }

    /**
     * A body refused before it is read (401, 403) must not cost the connection the next request is sent on: an
     * answer faster than the body's arrival once made Jetty close a connection it had said it would keep.
     */
    @Test
    void a_refused_unread_body_leaves_the_connection_usable() {
        Api forged = anonymous.as(admin.userId(), "not-a-token");
        Api noPermission = loginAs(createUser());
        for (String body : new String[] {"{\"username\":\"someone\"}", "{\"username\":\"" + "y".repeat(200 * 1024) + "\"}"}) {
            for (int i = 0; i < 100; i++) {
                assertExactly(forged.postRaw("livechat/users/agent", body, "application/json"), 401, UNAUTHENTICATED);
                assertThat(anonymous.get("/api/info").status()).isEqualTo(200);
                assertExactly(noPermission.postRaw("livechat/users/agent", body, "application/json"), 403, FORBIDDEN_ROUTE);
                assertThat(noPermission.send("GET", "me", body, "application/json").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void successes_are_application_json_with_nosniff() {
        for (Api.Res res : new Api.Res[] {anonymous.get("/api/info"), admin.get("me"), admin.get("permissions.listAll")}) {
            assertThat(res.status()).as("%s", res).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(res.json().get("success").asBoolean()).isTrue();
            assertNosniff(res);
        }
    }

    @Test
    void errors_are_application_json_with_nosniff() {
        Api.Res notFound = anonymous.get("roster.no-such-route");
        Api.Res unauthenticated = anonymous.get("me");
        Api.Res malformed = admin.postRaw("users.setStatus", "{", "application/json");
        Api.Res tooLarge = postExpectingContinue(admin, "users.setStatus", hugeBody());
        assertExactly(notFound, 404, NOT_FOUND);
        assertExactly(unauthenticated, 401, UNAUTHENTICATED);
        assertExactly(malformed, 400, MALFORMED);
        assertExactly(tooLarge, 413, TOO_LARGE);
        for (Api.Res res : new Api.Res[] {notFound, unauthenticated, malformed, tooLarge}) assertNosniff(res);
    }

    @Test
    void no_credentials_is_401() {
        assertExactly(anonymous.get("me"), 401, UNAUTHENTICATED);
        assertExactly(anonymous.get("livechat/users/agent"), 401, UNAUTHENTICATED);
    }

    @Test
    void only_x_user_id_is_401() {
        Api session = loginAs(createUser());
        assertExactly(anonymous.as(session.userId(), null).get("me"), 401, UNAUTHENTICATED);
    }

    @Test
    void only_x_auth_token_is_401() {
        Api session = loginAs(createUser());
        assertExactly(anonymous.as(null, session.token()).get("me"), 401, UNAUTHENTICATED);
    }

    @Test
    void empty_credential_values_are_401() {
        Api session = loginAs(createUser());
        assertExactly(anonymous.as("", "").get("me"), 401, UNAUTHENTICATED);
        assertExactly(anonymous.as(session.userId(), "").get("me"), 401, UNAUTHENTICATED);
        assertExactly(anonymous.as("", session.token()).get("me"), 401, UNAUTHENTICATED);
    }

    @Test
    void a_wrong_token_for_a_real_user_is_401() {
        Api session = loginAs(createUser());
        assertExactly(session.as(session.userId(), session.token() + "x").get("me"), 401, UNAUTHENTICATED);
        assertExactly(session.as(session.userId(), admin.token()).get("me"), 401, UNAUTHENTICATED);
    }

    @Test
    void a_real_token_with_another_users_id_is_401() {
        TestUser other = createUser();
        Api session = loginAs(createUser());
        assertExactly(session.as(other.id(), session.token()).get("me"), 401, UNAUTHENTICATED);
        assertExactly(session.as(admin.userId(), session.token()).get("me"), 401, UNAUTHENTICATED);
    }

    @Test
    void an_unknown_user_id_is_401() {
        Api session = loginAs(createUser());
        assertExactly(session.as("NoSuchUser1234567", session.token()).get("me"), 401, UNAUTHENTICATED);
    }

    @Test
    void the_server_still_answers_after_bad_requests() {
        anonymous.postRaw("login", "{not json", "application/json");
        postExpectingContinue(anonymous, "livechat/users/agent", hugeBody());
        admin.postRaw("users.setStatus", "[[[[[[", "application/json");
        anonymous.as("", "").get("me");
        admin.get("roster.no-such-route");
        admin.send("PATCH", "me", "{}", "application/json");
        assertThat(anonymous.get("/api/info").status()).isEqualTo(200);
        Api.Res me = admin.get("me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("_id").asText()).isEqualTo(admin.userId());
    }
}
