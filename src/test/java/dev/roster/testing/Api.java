package dev.roster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** An HTTP client for tests: plain java.net.http, optionally logged in, never throwing on a status. */
public final class Api {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    public static final ObjectMapper JSON = new ObjectMapper();

    /** A response: status, headers, raw text and the parsed JSON body (null when the body is not JSON). */
    public record Res(int status, HttpHeaders headers, String text, JsonNode json) {
        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    private final String baseUrl;
    private final String userId;
    private final String token;
    private final Map<String, String> headers;

    public Api(String baseUrl, String userId, String token) {
        this(baseUrl, userId, token, Map.of());
    }

    private Api(String baseUrl, String userId, String token, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.userId = userId;
        this.token = token;
        this.headers = headers;
    }

    /** The same client sending one more header on every request (e.g. X-Forwarded-For). */
    public Api withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Api(baseUrl, userId, token, Map.copyOf(more));
    }

    public static Api anonymous(TestServer server) {
        return new Api(server.baseUrl(), null, null);
    }

    public Api as(String userId, String token) {
        return new Api(baseUrl, userId, token, headers);
    }

    /** The same credentials against the server at another base URL. */
    public Api at(String otherBaseUrl) {
        return new Api(otherBaseUrl, userId, token, headers);
    }

    /** The same credentials against another server (another node of the same database). */
    public Api onServer(TestServer other) {
        return new Api(other.baseUrl(), userId, token, headers);
    }

    public String userId() {
        return userId;
    }

    public String token() {
        return token;
    }

    /** Logs in with {user, password} and returns a client carrying the new token; fails the test otherwise. */
    public Api login(String user, String password) {
        Res res = post("login", Map.of("user", user, "password", password));
        if (res.status() != 200) throw new AssertionError("login as " + user + " failed: " + res);
        JsonNode data = res.json().get("data");
        return as(data.get("userId").asText(), data.get("authToken").asText());
    }

    public Res get(String path) {
        return send("GET", path, null, null);
    }

    /** GET with query parameters, URL-encoded in the given order. */
    public Res get(String path, Map<String, String> query) {
        String qs = query.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send("GET", qs.isEmpty() ? path : path + "?" + qs, null, null);
    }

    public Res post(String path, Object body) {
        return send("POST", path, write(body), "application/json");
    }

    /** POST with a raw body and content type (null for none). */
    public Res postRaw(String path, String body, String contentType) {
        return send("POST", path, body, contentType);
    }

    public Res delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** Sends any method to a path: one starting with '/' is from the root, anything else under /api/v1/. */
    public Res send(String method, String path, String body, String contentType) {
        return sendBytes(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /** Like {@link #send}, with a body of any bytes (null for none). */
    public Res sendBytes(String method, String path, byte[] body, String contentType) {
        String url = baseUrl + (path.startsWith("/") ? path : "/api/v1/" + path);
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) req.header("Content-Type", contentType);
        if (userId != null) req.header("X-User-Id", userId);
        if (token != null) req.header("X-Auth-Token", token);
        headers.forEach(req::header);
        try {
            HttpResponse<String> res = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Res(res.statusCode(), res.headers(), res.body(), parseOrNull(res.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad JSON in a test: " + text, e);
        }
    }

    /** A map literal that keeps its order and allows nulls: map("a", 1, "b", null). */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    /** A body as JSON text (a String is sent as it is). */
    public static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return text == null || text.isEmpty() ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
