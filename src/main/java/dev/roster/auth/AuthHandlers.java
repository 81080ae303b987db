package dev.roster.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.api.ApiError;
import dev.roster.api.Call;
import dev.roster.api.Reply;
import dev.roster.api.Route.Work;
import dev.roster.api.Schema;
import dev.roster.users.UserService;
import dev.roster.users.UserViews;
import java.util.Map;

/** POST login, POST logout and GET me (contract §3). */
public final class AuthHandlers {
    // Login clients send extra keys (totp, code, ...); the ones read here are checked, the rest ignored.
    private static final Schema LOGIN = Schema.lenientObject();
    private static final Schema ANY_OBJECT = Schema.lenientObject();

    private final AuthService auth;
    private final UserService users;

    public AuthHandlers(AuthService auth, UserService users) {
        this.auth = auth;
        this.users = users;
    }

    public Work login(Call call) {
        ObjectNode b = call.body(LOGIN);
        String resume = b.has("resume") ? string(b.get("resume")) : null;
        String identifier = resume == null ? identifier(b) : null;
        String digest = resume == null ? passwordDigest(b.get("password")) : null;
        return () -> {
            AuthService.Session session = resume != null
                    ? auth.resume(resume, call.clientIp())
                    : auth.login(identifier, digest, call.clientIp());
            Map<String, Object> data = Reply.of("userId", session.user().id(), "authToken", session.token());
            data.put("me", UserViews.me(users.byId(session.user().id()).orElseThrow()));
            return Reply.of("status", "success", "data", data);
        };
    }

    public Work logout(Call call) {
        call.body(ANY_OBJECT); // nothing is read from it, but a malformed body is still refused
        return () -> {
            auth.logout(call.header("X-Auth-Token"));
            return Reply.of("status", "success", "data", Reply.of("message", "You've been logged out!"));
        };
    }

    public Work me(Call call) {
        return () -> UserViews.me(new UserService.WithRoles(call.caller(), call.callerRoles()));
    }

    /** user (a username or email, or {username}/{email}), else username, else email. */
    private static String identifier(ObjectNode b) {
        JsonNode user = b.get("user");
        if (user != null && user.isObject()) user = user.has("username") ? user.get("username") : user.get("email");
        if (user == null) user = b.has("username") ? b.get("username") : b.get("email");
        if (user == null) throw ApiError.invalidParams("must have required property 'user'");
        return string(user);
    }

    /** The SHA-256 hex of the password: hashed here from a plain string, or sent as {digest, algorithm}. */
    private static String passwordDigest(JsonNode password) {
        if (password == null) throw ApiError.invalidParams("must have required property 'password'");
        if (password.isTextual()) return Passwords.sha256Hex(password.asText());
        if (password.isObject()) {
            if (!"sha-256".equals(password.path("algorithm").asText())) {
                throw ApiError.invalidParams("must be equal to one of the allowed values");
            }
            return string(password.get("digest")); // its form is checked with the password, as a failed login
        }
        throw ApiError.invalidParams("must be string");
    }

    private static String string(JsonNode v) {
        if (v == null || !v.isTextual()) throw ApiError.invalidParams("must be string");
        return v.asText();
    }
}
