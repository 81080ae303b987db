package dev.roster.auth;

import dev.roster.api.ApiError;
import dev.roster.store.Ids;
import dev.roster.users.User;
import dev.roster.users.UserStore;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Logging in and out, and turning X-User-Id/X-Auth-Token into a user. */
public final class AuthService {
    /** A successful login: the user and its new (or resumed) token. */
    public record Session(User user, String token) {}

    private final Jdbi jdbi;
    private final UserStore users;
    private final TokenStore tokens;
    private final Clock clock;

    public AuthService(Jdbi jdbi, UserStore users, TokenStore tokens, Clock clock) {
        this.jdbi = jdbi;
        this.users = users;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The active user the headers name, when the token is one of its login tokens. */
    public Optional<User> authenticate(String userId, String token) {
        if (userId == null || userId.isBlank() || token == null || token.isBlank()) return Optional.empty();
        return jdbi.withHandle(h -> tokens.activeOwner(h, userId, Ids.hashToken(token)));
    }

    /** A password login; {@code digestHex} is the SHA-256 of the password, as clients may send it. */
    public Session login(String usernameOrEmail, String digestHex) {
        Optional<User> found = jdbi.withHandle(h -> users.byLogin(h, usernameOrEmail));
        if (found.isEmpty()) {
            Passwords.spendDecoyCheck(digestHex);
            throw ApiError.loginFailed("Unauthorized", "Unauthorized");
        }
        User user = found.get();
        String hash = jdbi.withHandle(h -> users.passwordHash(h, user.id())).orElseThrow();
        if (!Passwords.matches(digestHex, hash)) throw ApiError.loginFailed("Unauthorized", "Incorrect password");
        if (!user.active()) throw ApiError.loginFailed("error-user-is-not-activated", "User is not activated");
        String token = Ids.newToken();
        jdbi.useHandle(h -> tokens.insert(h, Ids.hashToken(token), user.id(), clock.millis()));
        return new Session(user, token);
    }

    /** A resume login: the token stays valid and is returned as it is. */
    public Session resume(String token) {
        return jdbi.withHandle(h -> tokens.activeOwner(h, Ids.hashToken(token)))
                .map(user -> new Session(user, token))
                .orElseThrow(() -> ApiError.loginFailed("Unauthorized", "Unauthorized"));
    }

    public void logout(String token) {
        jdbi.useHandle(h -> tokens.delete(h, Ids.hashToken(token)));
    }
}
