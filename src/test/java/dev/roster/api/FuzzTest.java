package dev.roster.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.api.Route;
import dev.roster.testing.Api;
import dev.roster.testing.RawHttp;
import dev.roster.testing.ServerTest;
import dev.roster.testing.TestDatabase;
import dev.roster.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A seeded, reproducible fuzz test (issue 4): thousands of mutated requests from every kind of caller against a
 * live server. Every answer must be a non-5xx JSON object with "success", and afterwards the data must be intact:
 * users the fuzzer never learned of are unchanged, the admin can still log in, and the database is consistent.
 * Repeat a run with -Droster.fuzz.seed=N; make it longer with -Droster.fuzz.requests=N.
 */
class FuzzTest extends ServerTest {
    private static final long SEED = Long.getLong("roster.fuzz.seed", 20261204L);
    private static final int REQUESTS = Integer.getInteger("roster.fuzz.requests", 3000);

    private static final List<String> ROLES = List.of("admin", "user", "bot", "guest", "livechat-agent",
            "livechat-manager", "livechat-monitor", "no-such-role");
    private static final List<String> PERMISSIONS = List.of("view-livechat-manager", "manage-livechat-agents",
            "view-l-room", "view-d-room", "edit-omnichannel-contact", "transfer-livechat-guest", "no-such-permission");
    private static final List<String> ODD_STRINGS = List.of("", " ", "a", "admin", ".*", "%", "_", "!", "\\", "'", "\"",
            "' OR 1=1 --", "$where", "Ä", "Ω", "😀", "\u202e", "<script>", "../..", "a/b", "null", "true", "0", "-1",
            "1e309", "x".repeat(300), "{\"name\":1}", "{\"username\":-1}", "[]", "2026-12-01T00:00:00.000Z");

    private final Random random = new Random(SEED);
    private final List<String> ids = new ArrayList<>();
    private final List<String> usernames = new ArrayList<>();

    @Test
    void thousands_of_mutated_requests_never_break_the_server_or_its_data() throws Exception {
        // Users the fuzzer is never told about: nothing it does may change them.
        List<TestUser> canaries = List.of(createUser("user"), createUser("user", "livechat-agent"),
                createUser("user", "livechat-manager"));
        String canariesBefore = canaryRows(canaries);
        // Users it is told about, to aim at.
        for (int i = 0; i < 6; i++) {
            TestUser t = i % 2 == 0 ? createUser() : createAgent(i % 4 == 1 ? "online" : "offline");
            ids.add(t.id());
            usernames.add(t.username());
        }
        // Who sends: nobody, a forged token, each kind of staff, and the admin (null: the bootstrap admin).
        List<TestUser> accounts = java.util.Arrays.asList(null, null, createUser(), createUser("user", "livechat-agent"),
                createUser("user", "livechat-manager"), createUser("livechat-monitor"), null);
        List<Api> callers = new ArrayList<>(List.of(anonymous, anonymous.as(admin.userId(), "not-a-token"),
                loginAs(accounts.get(2)), loginAs(accounts.get(3)), loginAs(accounts.get(4)), loginAs(accounts.get(5)), admin));
        List<Route> routes = server.app().routes();

        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int n = 0; n < REQUESTS; n++) {
            Api caller = callers.get(random.nextInt(callers.size()));
            Route route = routes.get(random.nextInt(routes.size()));
            String method = random.nextInt(10) == 0 ? pick(List.of("GET", "POST", "DELETE", "PUT", "HEAD")) : route.method();
            String path = random.nextInt(25) == 0 ? pick(List.of("no.such.route", "livechat", "livechat/users", "users.info/x"))
                    : path(route.path());
            String query = method.equals("GET") || method.equals("HEAD") ? query() : "";
            byte[] body = method.equals("POST") || random.nextInt(8) == 0 ? body(route.path()) : null;
            String contentType = pick(List.of("application/json", "application/json", "application/json", "text/plain",
                    "application/x-www-form-urlencoded", ""));
            String what = "#" + n + " (seed " + SEED + ") " + method + " " + path + query + " as caller " + callers.indexOf(caller)
                    + (body == null ? "" : " body " + abbreviate(new String(body, StandardCharsets.UTF_8)));

            int status;
            String text;
            if (query.contains("%") && random.nextBoolean()) {
                RawHttp.Response res = RawHttp.exchange(server.app().port(), raw(method, path + query, caller, body, contentType));
                status = res.status();
                text = res.body();
            } else {
                Api.Res res;
                try {
                    res = caller.sendBytes(method, path + safeQuery(query), body, contentType.isEmpty() ? null : contentType);
                } catch (RuntimeException e) {
                    throw new AssertionError("no answer to " + what, e);
                }
                status = res.status();
                text = res.text();
            }
            statuses.merge(status, 1, Integer::sum);
            if (route.path().equals("logout") && status == 200) {
                // The caller logged itself out: log it in again, so it goes on fuzzing with its role.
                int who = callers.indexOf(caller);
                TestUser account = accounts.get(who);
                callers.set(who, account == null ? anonymous.login(TestServer.ADMIN_USERNAME, TestServer.ADMIN_PASSWORD) : loginAs(account));
            }
            assertThat(status).as("status of %s: %s", what, text).isBetween(200, 499);
            if (method.equals("HEAD")) continue;
            JsonNode json = Api.json(text);
            assertThat(json != null && json.isObject()).as("a JSON object from %s: %s", what, text).isTrue();
            assertThat(json.get("success")).as("success in %s: %s", what, text).isNotNull();
            assertThat(json.get("success").isBoolean()).isTrue();
            assertThat(json.get("success").asBoolean()).as("success of %s: %s", what, text).isEqualTo(status == 200);
        }
        System.out.println("fuzz: " + REQUESTS + " requests, seed " + SEED + ", statuses " + statuses);

        assertThat(canaryRows(canaries)).as("users the fuzzer did not know").isEqualTo(canariesBefore);
        assertThat(anonymous.post("login", Map.of("user", TestServer.ADMIN_USERNAME, "password", TestServer.ADMIN_PASSWORD))
                .status()).isEqualTo(200);
        for (TestUser canary : canaries) assertThat(loginAs(canary).get("me").status()).isEqualTo(200);
        assertConsistent();
    }

    private String path(String pattern) {
        String type = random.nextInt(6) == 0 ? pick(ODD_STRINGS) : pick(List.of("agent", "manager"));
        String id = random.nextInt(4) == 0 ? pick(ODD_STRINGS) : pick(ids);
        return pattern.replace("{type}", encode(type)).replace("{_id}", encode(id));
    }

    private String query() {
        List<String> keys = List.of("text", "offset", "count", "sort", "onlyAvailable", "excludeId", "showIdleAgents",
                "userId", "username", "updatedSince", "fields", "query", "junk");
        StringBuilder q = new StringBuilder();
        int params = random.nextInt(4);
        for (int i = 0; i < params; i++) {
            q.append(q.isEmpty() ? "?" : "&").append(pick(keys)).append('=');
            switch (random.nextInt(6)) {
                case 0 -> q.append(random.nextInt(200) - 20);
                case 1 -> q.append(encode(pick(List.of("{\"name\":1}", "{\"username\":-1}", "{\"statusLivechat\":1,\"_id\":-1}",
                        "{\"name\":2}", "[]", "{"))));
                case 2 -> q.append(pick(List.of("true", "false", "TRUE", "1", "")));
                case 3 -> q.append(encode(pick(ids)));
                case 4 -> q.append(randomEscapes()); // may be invalid UTF-8 or a malformed escape
                default -> q.append(encode(pick(ODD_STRINGS)));
            }
        }
        return q.toString();
    }

    private String randomEscapes() {
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(8) == 0) s.append('%').append((char) ('G' + random.nextInt(5)));
            else s.append(String.format("%%%02X", random.nextInt(256)));
        }
        return s.toString();
    }

    /** Percent escapes java.net.URI would refuse are replaced, so the request can be sent with HttpClient. */
    private static String safeQuery(String query) {
        return query.replaceAll("%(?![0-9A-Fa-f]{2})", "%25");
    }

    private byte[] body(String route) {
        Map<String, Object> template = template(route);
        for (int i = random.nextInt(4); i > 0; i--) mutate(template);
        byte[] bytes = Api.write(template).getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(8) == 0 && bytes.length > 0) {
            int at = random.nextInt(bytes.length);
            bytes = switch (random.nextInt(4)) {
                case 0 -> java.util.Arrays.copyOf(bytes, at);                      // truncated
                case 1 -> { bytes[at] = (byte) random.nextInt(256); yield bytes; } // a byte changed
                case 2 -> concat(bytes, new byte[] {(byte) 0xC3});                 // half a UTF-8 character
                default -> concat(bytes, bytes);                                    // trailing data
            };
        }
        return bytes;
    }

    private Map<String, Object> template(String route) {
        Map<String, Object> b = new LinkedHashMap<>();
        switch (route) {
            case "login" -> {
                if (random.nextInt(5) == 0) b.put("resume", pick(ODD_STRINGS));
                else {
                    b.put(pick(List.of("user", "username", "email")), pick(usernames));
                    b.put("password", random.nextInt(4) == 0 ? Map.of("digest", "ab".repeat(32), "algorithm", "sha-256") : pick(ODD_STRINGS));
                }
            }
            case "users.create" -> {
                String name = "fz" + random.nextInt(1_000_000);
                b.put("username", random.nextInt(4) == 0 ? pick(ODD_STRINGS) : name);
                b.put("email", random.nextInt(4) == 0 ? pick(ODD_STRINGS) : name + "@example.com");
                b.put("name", pick(ODD_STRINGS));
                b.put("password", "pw");
                if (random.nextBoolean()) b.put("roles", List.of(pick(ROLES), pick(ROLES)));
                if (random.nextBoolean()) b.put("active", random.nextBoolean());
            }
            case "users.update" -> {
                b.put("userId", pick(ids));
                Map<String, Object> data = new LinkedHashMap<>();
                data.put(pick(List.of("name", "username", "email", "statusText", "password")), pick(ODD_STRINGS));
                if (random.nextBoolean()) data.put("roles", List.of(pick(ROLES)));
                if (random.nextBoolean()) data.put("active", random.nextBoolean());
                b.put("data", data);
            }
            case "users.setActiveStatus" -> {
                b.put("userId", pick(ids));
                b.put("activeStatus", random.nextBoolean());
            }
            case "users.setStatus" -> {
                b.put("status", pick(List.of("online", "away", "busy", "offline", "invisible")));
                if (random.nextBoolean()) b.put("message", pick(ODD_STRINGS));
                if (random.nextBoolean()) b.put("userId", pick(ids));
            }
            case "users.delete" -> b.put(random.nextBoolean() ? "userId" : "username", random.nextBoolean() ? pick(ids) : pick(usernames));
            case "permissions.update" -> b.put("permissions", List.of(Map.of("_id", pick(PERMISSIONS),
                    "roles", List.of(pick(ROLES), "admin"))));
            case "roles.addUserToRole", "roles.removeUserFromRole" -> {
                b.put(random.nextBoolean() ? "roleName" : "roleId", pick(ROLES));
                b.put("username", pick(usernames));
            }
            case "livechat/users/{type}" -> b.put("username", random.nextInt(5) == 0 ? pick(ODD_STRINGS) : pick(usernames));
            case "livechat/agent.status" -> {
                if (random.nextBoolean()) b.put("status", pick(List.of("available", "not-available", "away")));
                if (random.nextBoolean()) b.put("agentId", pick(ids));
            }
            default -> {
                if (random.nextInt(3) == 0) b.put(pick(ODD_STRINGS), pick(ODD_STRINGS));
            }
        }
        return b;
    }

    private void mutate(Map<String, Object> body) {
        List<String> keys = new ArrayList<>(body.keySet());
        switch (random.nextInt(3)) {
            case 0 -> { if (!keys.isEmpty()) body.remove(pick(keys)); }
            case 1 -> body.put(pick(List.of("junk", "$set", "__proto__", "username", "roles", "data")), randomValue(3));
            default -> { if (!keys.isEmpty()) body.put(pick(keys), randomValue(3)); }
        }
    }

    private Object randomValue(int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 6);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt(7) == 0 ? Long.MAX_VALUE : random.nextInt(1000) - 500;
            case 3 -> random.nextDouble() * 1e6;
            case 4, 5 -> pick(ODD_STRINGS);
            case 6 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) list.add(randomValue(depth - 1));
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) map.put(pick(ODD_STRINGS), randomValue(depth - 1));
                yield map;
            }
        };
    }

    private static byte[] raw(String method, String target, Api caller, byte[] body, String contentType) {
        StringBuilder head = new StringBuilder(method).append(' ').append("/api/v1/").append(target).append(" HTTP/1.1\r\nHost: x\r\n");
        if (caller.userId() != null) head.append("X-User-Id: ").append(caller.userId()).append("\r\n");
        if (caller.token() != null) head.append("X-Auth-Token: ").append(caller.token()).append("\r\n");
        if (!contentType.isEmpty()) head.append("Content-Type: ").append(contentType).append("\r\n");
        head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\nConnection: close\r\n\r\n");
        return concat(head.toString().getBytes(StandardCharsets.UTF_8), body == null ? new byte[0] : body);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /** The canaries' rows in every table that refers to users. */
    private static String canaryRows(List<TestUser> canaries) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = server.jdbc()) {
            for (TestUser u : canaries) {
                for (String sql : List.of("SELECT * FROM users WHERE id = ?", "SELECT * FROM user_roles WHERE user_id = ? ORDER BY role",
                        "SELECT * FROM login_tokens WHERE user_id = ? ORDER BY token_hash")) {
                    try (var s = c.prepareStatement(sql)) {
                        s.setString(1, u.id());
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) out.append(rs.getString(i)).append('|');
                                out.append('\n');
                            }
                        }
                    }
                }
            }
        }
        return out.toString();
    }

    /** The database's own integrity check, plus the rules Roster keeps that no constraint states. */
    private static void assertConsistent() throws Exception {
        try (Connection c = server.jdbc(); Statement s = c.createStatement()) {
            if (!TestDatabase.isPostgres()) {
                try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("ok");
                }
                try (ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
                    assertThat(rs.next()).as("foreign key violations").isFalse();
                }
            }
            Map<String, String> mustBeEmpty = Map.of(
                    "an agent without an omnichannel status", """
                            SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'livechat-agent'
                            WHERE u.status_livechat IS NULL""",
                    "an omnichannel status on a user who is not an agent", """
                            SELECT u.id FROM users u WHERE u.status_livechat IS NOT NULL
                            AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'livechat-agent')""",
                    "a deactivated user with a login token", """
                            SELECT u.id FROM users u JOIN login_tokens t ON t.user_id = u.id WHERE u.active = FALSE""",
                    "a role nobody defined", "SELECT user_id FROM user_roles WHERE role NOT IN (SELECT name FROM roles)");
            for (var rule : mustBeEmpty.entrySet()) {
                try (ResultSet rs = s.executeQuery(rule.getValue())) {
                    assertThat(rs.next()).as(rule.getKey()).isFalse();
                }
            }
            try (ResultSet rs = s.executeQuery("""
                    SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'admin' WHERE u.active = TRUE""")) {
                rs.next();
                assertThat(rs.getInt(1)).as("active admins").isPositive();
            }
        }
    }
}
