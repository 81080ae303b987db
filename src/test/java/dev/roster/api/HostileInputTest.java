package dev.roster.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.testing.Api;
import dev.roster.testing.DataSnapshot;
import dev.roster.testing.RawHttp;
import dev.roster.testing.ServerTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile input (issue 4), each case a test: every one gets a 4xx with a contract body, the server stays up, and
 * not one stored row changes. The admin sends them, so no permission stands between the input and the code.
 */
class HostileInputTest extends ServerTest {
    private static final Set<String> ERROR_KEYS = Set.of("success", "error", "errorType", "status", "message", "details");
    private static final String MALFORMED = "Malformed JSON body [invalid-params]";

    /** A response reduced to what the assertions need. */
    private record Outcome(int status, String body, boolean nosniff) {}

    private record Case(String name, Supplier<Outcome> send) {}

    private static TestUser target;
    private static TestUser agent;

    @BeforeAll
    static void someData() {
        target = createUser();
        agent = createAgent("online");
    }

    /** Every POST route with a body that names each field it accepts, with a valid value. */
    private static Map<String, Map<String, Object>> fullBodies() {
        Map<String, Map<String, Object>> bodies = new LinkedHashMap<>();
        bodies.put("login", Api.map("user", target.username(), "password", "not-the-password"));
        bodies.put("users.create", Api.map("username", "hostile", "email", "hostile@example.com", "name", "H",
                "password", "pw", "active", true, "roles", List.of("user"), "verified", false,
                "requirePasswordChange", false, "joinDefaultChannels", false, "sendWelcomeEmail", false,
                "setRandomPassword", false));
        bodies.put("users.update", Api.map("userId", target.id(), "data", Api.map("username", "renamed",
                "email", "renamed@example.com", "name", "R", "password", "pw2", "active", true, "roles", List.of("user"),
                "verified", true, "requirePasswordChange", false, "statusText", "hi", "joinDefaultChannels", false,
                "sendWelcomeEmail", false), "confirmRelinquish", false));
        bodies.put("users.setActiveStatus", Api.map("userId", target.id(), "activeStatus", false, "confirmRelinquish", false));
        bodies.put("users.setStatus", Api.map("status", "busy", "message", "m", "userId", target.id()));
        bodies.put("users.delete", Api.map("userId", target.id(), "confirmRelinquish", false));
        bodies.put("permissions.update", Api.map("permissions", List.of(Api.map("_id", "view-l-room", "roles", List.of("admin")))));
        bodies.put("roles.addUserToRole", Api.map("roleName", "livechat-monitor", "username", target.username(), "roomId", "r"));
        bodies.put("roles.removeUserFromRole", Api.map("roleName", "livechat-agent", "username", agent.username(), "roomId", "r"));
        bodies.put("livechat/users/agent", Api.map("username", target.username()));
        bodies.put("livechat/agent.status", Api.map("status", "not-available", "agentId", agent.id()));
        return bodies;
    }

    private static Outcome post(String path, String body, String contentType) {
        return outcome(admin.postRaw(path, body, contentType));
    }

    private static Outcome postBytes(String path, byte[] body, String contentType) {
        return outcome(admin.sendBytes("POST", path, body, contentType));
    }

    private static Outcome get(String pathAndQuery) {
        return outcome(admin.get(pathAndQuery));
    }

    private static Outcome send(String method, String path) {
        return outcome(admin.send(method, path, null, null));
    }

    private static Outcome raw(String request) {
        RawHttp.Response res = RawHttp.exchange(server.app().port(), request);
        return new Outcome(res.status(), res.body(), res.head().toLowerCase().contains("\r\nx-content-type-options: nosniff"));
    }

    private static Outcome outcome(Api.Res res) {
        return new Outcome(res.status(), res.text(), res.headers().firstValue("X-Content-Type-Options").orElse("").equals("nosniff"));
    }

    private static String auth() {
        return "X-User-Id: " + admin.userId() + "\r\nX-Auth-Token: " + admin.token() + "\r\n";
    }

    // ---- the cases

    private static List<Case> malformedJson() {
        List<Case> cases = new ArrayList<>();
        List<String> bad = List.of("{", "}", "{\"username\":", "{\"username\":\"a\"", "nul", "tru", "[1,2", "{\"a\":1}}",
                "{'username':'a'}", "{\"a\":01}", "NaN", "{\"a\":NaN}", "{\"a\":1,}", "{\"a\" 1}", "\"unterminated",
                "{\"a\":\"\u0001\"}", "{\"username\":\"a\"} trailing", "{}{}", "<xml/>", "username=admin");
        for (String path : fullBodies().keySet()) {
            for (String body : bad) cases.add(new Case("malformed " + abbreviate(body) + " to " + path, () -> post(path, body, "application/json")));
            String valid = Api.write(fullBodies().get(path));
            for (int cut : new int[] {1, valid.length() / 3, valid.length() / 2, valid.length() - 1}) {
                String truncated = valid.substring(0, cut);
                cases.add(new Case("truncated at " + cut + " to " + path, () -> post(path, truncated, "application/json")));
            }
        }
        cases.add(new Case("malformed body to logout", () -> post("logout", "{", "application/json")));
        return cases;
    }

    /** Each field of each body, given each JSON type it is not. */
    private static List<Case> wrongTypes() {
        List<Case> cases = new ArrayList<>();
        for (var route : fullBodies().entrySet()) {
            addWrongTypes(cases, route.getKey(), route.getValue(), body -> body);
        }
        return cases;
    }

    private static void addWrongTypes(List<Case> cases, String path, Map<String, Object> body,
                                      java.util.function.UnaryOperator<Map<String, Object>> wrap) {
        for (var field : body.entrySet()) {
            Object valid = field.getValue();
            if (valid instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> inner = (Map<String, Object>) nested;
                addWrongTypes(cases, path, inner, changed -> wrap.apply(with(body, field.getKey(), changed)));
            }
            for (Object wrong : wrongValuesFor(valid)) {
                Map<String, Object> mutated = wrap.apply(with(body, field.getKey(), wrong));
                cases.add(new Case(path + " " + field.getKey() + "=" + abbreviate(Api.write(wrong)),
                        () -> post(path, Api.write(mutated), "application/json")));
            }
        }
    }

    private static List<Object> wrongValuesFor(Object valid) {
        List<Object> wrong = new ArrayList<>();
        wrong.add(null);
        if (!(valid instanceof String)) wrong.add("text");
        if (!(valid instanceof Number)) wrong.add(12345);
        if (!(valid instanceof Boolean)) wrong.add(true);
        if (!(valid instanceof List)) wrong.add(List.of());
        if (!(valid instanceof Map)) wrong.add(Map.of());
        if (valid instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String) {
            wrong.add(List.of(1));
            wrong.add(java.util.Arrays.asList((Object) null));
        }
        return wrong;
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    private static List<Case> sizesAndShapes() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("10,000 nested arrays", () -> post("livechat/users/agent", "[".repeat(10_000) + "]".repeat(10_000), "application/json")));
        cases.add(new Case("10,000 nested objects", () -> post("users.create",
                "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000), "application/json")));
        cases.add(new Case("100 nested arrays in a field", () -> post("livechat/users/agent",
                "{\"username\":" + "[".repeat(100) + "]".repeat(100) + "}", "application/json")));
        String huge = "x".repeat(900_000);
        cases.add(new Case("900 kB username to users.create", () -> post("users.create", Api.write(with(fullBodies().get("users.create"), "username", huge)), "application/json")));
        cases.add(new Case("900 kB name to users.create", () -> post("users.create", Api.write(with(fullBodies().get("users.create"), "name", huge)), "application/json")));
        cases.add(new Case("900 kB email to users.update", () -> post("users.update",
                Api.write(Api.map("userId", target.id(), "data", Api.map("email", huge + "@example.com"))), "application/json")));
        cases.add(new Case("900 kB status message", () -> post("users.setStatus", Api.write(Api.map("message", huge)), "application/json")));
        cases.add(new Case("900 kB username to register", () -> post("livechat/users/agent", Api.write(Api.map("username", huge)), "application/json")));
        cases.add(new Case("900 kB login name", () -> post("login", Api.write(Api.map("user", huge, "password", "p")), "application/json")));
        cases.add(new Case("900 kB key", () -> post("livechat/users/agent", "{\"" + huge + "\":1}", "application/json")));
        cases.add(new Case("100k roles", () -> post("users.create", Api.write(with(fullBodies().get("users.create"), "roles",
                java.util.Collections.nCopies(100_000, "user"))), "application/json")));
        cases.add(new Case("100k permissions", () -> post("permissions.update",
                "{\"permissions\":[" + "1,".repeat(99_999) + "1]}", "application/json")));
        cases.add(new Case("100k-element array as the body", () -> post("livechat/users/agent", "[" + "0,".repeat(99_999) + "0]", "application/json")));
        cases.add(new Case("100k keys", () -> {
            StringBuilder b = new StringBuilder("{");
            for (int i = 0; i < 100_000; i++) b.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
            return post("livechat/users/agent", b.append('}').toString(), "application/json");
        }));
        int limit = 1024 * 1024;
        String prefix = "{\"username\":\"";
        cases.add(new Case("a body of exactly the limit", () -> {
            String body = prefix + "y".repeat(limit - prefix.length() - 2) + "\"}";
            assertThat(body.length()).isEqualTo(limit);
            return post("livechat/users/agent", body, "application/json");
        }));
        cases.add(new Case("a body one byte over the limit", () -> {
            String body = prefix + "y".repeat(limit - prefix.length() - 1) + "\"}";
            assertThat(body.length()).isEqualTo(limit + 1);
            return post("livechat/users/agent", body, "application/json");
        }));
        cases.add(new Case("a chunked body over the limit", () -> raw("POST /api/v1/livechat/users/agent HTTP/1.1\r\nHost: x\r\n"
                + auth() + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + ("10000\r\n" + "z".repeat(0x10000) + "\r\n").repeat(20) + "0\r\n\r\n")));
        cases.add(new Case("a Content-Length larger than the body", () -> raw("POST /api/v1/livechat/users/agent HTTP/1.1\r\nHost: x\r\n"
                + auth() + "Content-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"username\":")));
        return cases;
    }

    private static List<Case> badText() {
        List<Case> cases = new ArrayList<>();
        byte[] invalidUtf8 = {'{', '"', 'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        byte[] overlong = {'{', '"', 'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        byte[] rawNul = {'{', '"', 'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '"', ':', '"', 'a', 0, 'b', '"', '}'};
        cases.add(new Case("invalid UTF-8 in a body", () -> postBytes("livechat/users/agent", invalidUtf8, "application/json")));
        cases.add(new Case("overlong UTF-8 in a body", () -> postBytes("users.create", overlong, "application/json")));
        cases.add(new Case("a raw NUL byte in a body", () -> postBytes("livechat/users/agent", rawNul, "application/json")));
        cases.add(new Case("UTF-16 instead of UTF-8", () -> postBytes("livechat/users/agent",
                "{\"username\":\"x\"}".getBytes(StandardCharsets.UTF_16), "application/json")));
        for (var route : fullBodies().entrySet()) {
            for (var field : route.getValue().entrySet()) {
                if (!(field.getValue() instanceof String)) continue;
                // JSON escapes, written as text: a Java string cannot carry an unpaired surrogate to the wire.
                for (String escaped : List.of("a\\u0000b", "\\ud800", "x\\udc00y", "\\udbff\\udbff")) {
                    String body = Api.write(with(route.getValue(), field.getKey(), "@BAD@")).replace("@BAD@", escaped);
                    cases.add(new Case(route.getKey() + " " + field.getKey() + " with " + escaped,
                            () -> post(route.getKey(), body, "application/json")));
                }
            }
        }
        cases.add(new Case("an escaped NUL in a key", () -> post("livechat/users/agent", "{\"user\\u0000name\":\"a\"}", "application/json")));
        for (String query : List.of("text=%FF", "text=%C3%28", "text=%00", "text=%", "text=%G1", "text=a%2", "sort=%ED%A0%80",
                "count=%00", "%FF=1", "excludeId=%C0%AF")) {
            // Sent raw: java.net.URI refuses a malformed escape before it could reach the server.
            cases.add(new Case("query " + query, () -> raw("GET /api/v1/livechat/users/agent?" + query + " HTTP/1.1\r\nHost: x\r\n"
                    + auth() + "Connection: close\r\n\r\n")));
        }
        for (String path : List.of("livechat/users/agent/%FF", "livechat/users/agent/%00", "livechat/users/agent/a%00b",
                "livechat/users/%C3%28/x", "livechat/users/agent/%ED%A0%80")) {
            cases.add(new Case("path " + path, () -> get(path)));
            cases.add(new Case("DELETE " + path, () -> send("DELETE", path)));
        }
        cases.add(new Case("a control character in a header", () -> raw("GET /api/v1/me HTTP/1.1\r\nHost: x\r\n" + auth()
                + "X-Junk: a\u0001b\r\nConnection: close\r\n\r\n")));
        cases.add(new Case("a NUL in X-User-Id", () -> raw("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-User-Id: a\u0000b\r\n"
                + "X-Auth-Token: t\r\nConnection: close\r\n\r\n")));
        cases.add(new Case("garbage instead of a request line", () -> raw("GARBAGE\r\n\r\n")));
        cases.add(new Case("an HTTP/1.1 request without Host", () -> raw("GET /api/v1/me HTTP/1.1\r\n" + auth() + "Connection: close\r\n\r\n")));
        cases.add(new Case("a URI of 20,000 characters", () -> get("me?x=" + "a".repeat(20_000))));
        cases.add(new Case("a header of 20,000 characters", () -> raw("GET /api/v1/me HTTP/1.1\r\nHost: x\r\n" + auth()
                + "X-Big: " + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n")));
        return cases;
    }

    private static final List<String> METACHARACTERS = List.of("' OR '1'='1", "\"; DROP TABLE users; --", "admin'--",
            "%", "_", "%admin%", ".*", "^.*$", "[a-z]+", "(?i)ADMIN", "\\", "\\\\%", "!", "!%", "$where", "{\"$ne\":null}",
            "*", "?", "|", "$(id)", "`id`", "<script>alert(1)</script>", "../../etc/passwd");

    private static List<Case> metacharacters() {
        List<Case> cases = new ArrayList<>();
        for (String meta : METACHARACTERS) {
            String q = java.net.URLEncoder.encode(meta, StandardCharsets.UTF_8);
            for (String query : List.of("livechat/users/agent?text=", "livechat/users/manager?text=", "users.list?text=",
                    "users.info?username=", "users.info?userId=", "livechat/users/agent?excludeId=", "livechat/users/agent?sort=",
                    "livechat/users/agent?query=", "livechat/users/agent?fields=", "permissions.listAll?updatedSince=",
                    "livechat/users/agent?count=", "livechat/users/agent?onlyAvailable=")) {
                cases.add(new Case(query + meta, () -> {
                    Outcome out = get(query + q);
                    // A search for metacharacters is a literal search: it may succeed, and then finds nobody.
                    if (out.status() == 200 && query.contains("text=")) {
                        assertThat(Api.json(out.body()).get("total").asInt()).as("a literal search for %s", meta).isZero();
                    }
                    return out;
                }));
            }
            for (String field : List.of("username")) {
                cases.add(new Case("register " + field + "=" + meta, () -> post("livechat/users/agent", Api.write(Api.map(field, meta)), "application/json")));
            }
            cases.add(new Case("login as " + meta, () -> post("login", Api.write(Api.map("user", meta, "password", meta)), "application/json")));
            cases.add(new Case("users.create with username and email " + meta, () -> {
                Outcome out = post("users.create", Api.write(with(with(fullBodies().get("users.create"), "username", meta),
                        "email", meta)), "application/json");
                assertThat(out.status()).as("creating a user named %s: %s", meta, out.body()).isEqualTo(400);
                return out;
            }));
            cases.add(new Case("roles.addUserToRole with role " + meta, () -> post("roles.addUserToRole",
                    Api.write(Api.map("roleName", meta, "username", target.username())), "application/json")));
            cases.add(new Case("permissions.update of " + meta, () -> post("permissions.update",
                    Api.write(Api.map("permissions", List.of(Api.map("_id", meta, "roles", List.of("admin"))))), "application/json")));
            cases.add(new Case("users.delete of username " + meta, () -> post("users.delete", Api.write(Api.map("username", meta)), "application/json")));
            cases.add(new Case("agent.status for " + meta, () -> post("livechat/agent.status", Api.write(Api.map("agentId", meta)), "application/json")));
        }
        return cases;
    }

    private static List<Case> paths() {
        List<Case> cases = new ArrayList<>();
        for (String id : List.of("a%2Fb", "..", "%2E%2E", "..%2F..%2Fme", "%2E%2E%2F%2E%2E%2Fme", "%C3%A9", "%F0%9F%98%80",
                "%E2%80%AE", "%20", "%3B", "a;b", "%5C..%5C", "%25", "%2A")) {
            cases.add(new Case("GET an agent " + id, () -> get("livechat/users/agent/" + id)));
            cases.add(new Case("DELETE an agent " + id, () -> send("DELETE", "livechat/users/agent/" + id)));
            cases.add(new Case("a type " + id, () -> get("livechat/users/" + id)));
            cases.add(new Case("register as type " + id, () -> post("livechat/users/" + id, Api.write(Api.map("username", target.username())), "application/json")));
        }
        for (String path : List.of("/api/v1/livechat/users/agent/../../../../etc/passwd", "/api/v1/../../etc/passwd",
                "/api/v1/%2e%2e/%2e%2e/etc/passwd", "/api/v1//livechat//users//agent/x", "/api/v1/livechat/users/agent/x/y/z",
                "/api/v1/livechat/users/agent/x?y#z", "/api/v1/users.delete/x")) {
            cases.add(new Case("raw path " + path, () -> raw("DELETE " + path + " HTTP/1.1\r\nHost: x\r\n" + auth() + "Connection: close\r\n\r\n")));
        }
        return cases;
    }

    private static List<Case> queriesAndContentTypes() {
        List<Case> cases = new ArrayList<>();
        for (String query : List.of("count=1&count=2", "offset=0&offset=0", "text=a&text=b", "sort={\"name\":1}&sort={\"name\":-1}",
                "onlyAvailable=true&onlyAvailable=true", "count=-1", "count=0x10", "count=NaN", "count=1.5",
                "offset=-0.5", "count=%20", "onlyAvailable=1", "onlyAvailable=TRUE", "sort={\"name\":2}", "sort={\"password_hash\":1}",
                "sort={\"name\":1,\"name\":-1}", "sort=[1]", "sort=" + "{\"a\":".repeat(200) + "1" + "}".repeat(200), "unknown=1", "=1", "&&&=")) {
            String encoded = query.replace("{", "%7B").replace("}", "%7D").replace("\"", "%22").replace("[", "%5B").replace("]", "%5D");
            cases.add(new Case("query " + abbreviate(query), () -> get("livechat/users/agent?" + encoded)));
        }
        String body = Api.write(Api.map("username", "no-such-user-here"));
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/xml", "application/json; charset=utf-16", "application/octet-stream", "", "*/*")) {
            cases.add(new Case("content type " + type, () -> post("livechat/users/agent", body, type.isEmpty() ? null : type)));
        }
        cases.add(new Case("a form body", () -> post("livechat/users/agent", "username=" + target.username(), "application/x-www-form-urlencoded")));
        cases.add(new Case("a multipart body", () -> post("livechat/users/agent",
                "--x\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\n" + target.username() + "\r\n--x--\r\n",
                "multipart/form-data; boundary=x")));
        for (String method : List.of("PUT", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND")) {
            cases.add(new Case(method + " on a route", () -> raw(method + " /api/v1/livechat/users/agent HTTP/1.1\r\nHost: x\r\n"
                    + auth() + "Content-Length: 0\r\nConnection: close\r\n\r\n")));
        }
        return cases;
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }

    // ---- the tests

    @TestFactory
    Stream<DynamicTest> malformed_and_truncated_json_is_400() {
        return run(malformedJson());
    }

    @TestFactory
    Stream<DynamicTest> every_field_given_a_wrong_type_is_400() {
        return run(wrongTypes());
    }

    @TestFactory
    Stream<DynamicTest> deep_nesting_huge_strings_huge_arrays_and_the_size_limit() {
        return run(sizesAndShapes());
    }

    @TestFactory
    Stream<DynamicTest> invalid_utf8_nul_bytes_and_bad_http() {
        return run(badText());
    }

    @TestFactory
    Stream<DynamicTest> sql_and_regex_metacharacters_in_every_string_parameter() {
        return run(metacharacters(), true);
    }

    @TestFactory
    Stream<DynamicTest> odd_path_segments() {
        return run(paths(), true);
    }

    @TestFactory
    Stream<DynamicTest> repeated_query_keys_bad_values_and_unexpected_content_types() {
        return run(queriesAndContentTypes());
    }

    @Test
    void an_unknown_http_version_is_505_with_a_json_body() {
        Outcome out = raw("GET /api/v1/me HTTP/7.0\r\nHost: x\r\n\r\n");
        assertThat(out.status()).isEqualTo(505);
        assertThat(Api.json(out.body())).isEqualTo(json("{\"success\":false,\"error\":\"HTTP error 505\"}"));
    }

    @Test
    void wrong_types_get_the_ajv_message_of_the_expected_type() {
        Outcome out = post("users.create", Api.write(with(fullBodies().get("users.create"), "active", "yes")), "application/json");
        assertThat(Api.json(out.body())).isEqualTo(json(invalidParams("must be boolean")));
        out = post("users.update", Api.write(Api.map("userId", target.id(), "data", Api.map("roles", List.of(7)))), "application/json");
        assertThat(Api.json(out.body())).isEqualTo(json(invalidParams("must be string")));
        out = post("livechat/users/agent", Api.write(Api.map("username", null)), "application/json");
        assertThat(Api.json(out.body())).isEqualTo(json(invalidParams("must be string")));
    }

    @Test
    void stored_text_is_bounded_with_the_ajv_message() {
        Map<String, Object> body = with(fullBodies().get("users.create"), "username", "u".repeat(256));
        assertThat(Api.json(post("users.create", Api.write(body), "application/json").body()))
                .isEqualTo(json(invalidParams("must NOT have more than 255 characters")));
        assertThat(Api.json(post("users.setStatus", Api.write(Api.map("message", "m".repeat(121))), "application/json").body()))
                .isEqualTo(json(invalidParams("must NOT have more than 120 characters")));
        assertThat(Api.json(post("users.create", Api.write(with(fullBodies().get("users.create"), "roles",
                java.util.Collections.nCopies(51, "user"))), "application/json").body()))
                .isEqualTo(json(invalidParams("must NOT have more than 50 items")));
        String username = uniqueName("b");
        Map<String, Object> longest = with(with(with(fullBodies().get("users.create"), "username", username + "l".repeat(255 - username.length())),
                "email", username + "@example.com"), "name", "n".repeat(255));
        assertThat(post("users.create", Api.write(longest), "application/json").status()).isEqualTo(200);
    }

    @Test
    void metacharacters_in_stored_text_are_stored_and_found_literally() {
        for (String meta : METACHARACTERS) {
            String username = uniqueName("meta");
            Api.Res created = admin.post("users.create", Api.map("username", username, "email", username + "@example.com",
                    "name", meta, "password", "pw"));
            assertThat(created.status()).as("%s", created).isEqualTo(200);
            Api.Res found = admin.get("users.list", Map.of("text", meta, "count", "0"));
            List<String> names = new ArrayList<>();
            found.json().get("users").forEach(u -> names.add(u.get("name").asText()));
            assertThat(names).as("search for %s", meta).isNotEmpty().allSatisfy(n -> assertThat(n.toLowerCase()).contains(meta.toLowerCase()));
            assertThat(admin.get("users.info", Map.of("userId", created.json().at("/user/_id").asText())).json().at("/user/name").asText())
                    .isEqualTo(meta);
            assertThat(admin.post("users.delete", Map.of("userId", created.json().at("/user/_id").asText())).status()).isEqualTo(200);
        }
    }

    /** Runs cases that must all be refused with a 4xx. */
    private static Stream<DynamicTest> run(List<Case> cases) {
        return run(cases, false);
    }

    /**
     * Runs cases; with {@code mayAnswer}, a case may also succeed (a literal search, an unknown id read as no user),
     * but never with anything other than a JSON success, and never changing stored data.
     */
    private static Stream<DynamicTest> run(List<Case> cases, boolean mayAnswer) {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String before = DataSnapshot.of(server);
            Outcome out = c.send().get();
            JsonNode body = Api.json(out.body());
            assertThat(body).as("JSON body of %s: %s", c.name(), out.body()).isNotNull();
            assertThat(body.isObject()).as("body of %s", c.name()).isTrue();
            if (mayAnswer && out.status() == 200) {
                assertThat(body.get("success").asBoolean(false)).as("success of %s", c.name()).isTrue();
            } else {
                assertThat(out.status()).as("status of %s: %s", c.name(), out.body()).isBetween(400, 499);
                assertThat(body.get("success").asBoolean(true)).as("success of %s", c.name()).isFalse();
                assertThat(body.get("error").isTextual()).as("error of %s: %s", c.name(), out.body()).isTrue();
                assertThat(ERROR_KEYS).as("keys of %s", c.name()).containsAll(iterable(body.fieldNames()));
            }
            assertThat(out.nosniff()).as("X-Content-Type-Options: nosniff on %s", c.name()).isTrue();
            assertThat(admin.get("/api/info").status()).isEqualTo(200);
            assertThat(DataSnapshot.of(server)).as("stored data after %s", c.name()).isEqualTo(before);
        }));
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
