package dev.roster.auth;

import dev.roster.store.Database;
import dev.roster.api.ApiError;
import dev.roster.audit.AuditLog;
import dev.roster.store.Changes;
import dev.roster.store.Ids;
import dev.roster.store.UserCache;
import dev.roster.users.User;
import dev.roster.users.UserStore;
import java.time.Clock;
import java.util.Optional;

/** Logging in and out, and turning X-User-Id/X-Auth-Token into a user. */
public final class AuthService {
    /** A successful login: the user and its new (or resumed) token. */
    public record Session(User user, String token) {}

    /** The active owner of a stored token, as the database last said. */
    private record Owner(String tokenHash, User user) {}

    private final Database db;
    private final UserStore users;
    private final TokenStore tokens;
    private final Passwords passwords;
    private final LoginGuard guard;
    private final AuditLog audit;
    private final Clock clock;
    private final UserCache<String, Owner> owners;

    public AuthService(Database db, UserStore users, TokenStore tokens, Passwords passwords, LoginGuard guard,
                       AuditLog audit, Changes changes, Clock clock) {
        this.owners = new UserCache<>(changes, owner -> owner.user().id(), 20_000);
        this.db = db;
        this.users = users;
        this.tokens = tokens;
        this.passwords = passwords;
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The active user the headers name, when the token is one of its login tokens. Tokens are found by their hash,
     * so what the lookup's time depends on is a hash the caller cannot steer; owners are cached until they change
     * (a logout, a deactivation, any write to the user drops them).
     */
    public Optional<User> authenticate(String userId, String token) {
        if (userId == null || userId.isBlank() || token == null || token.isBlank()) return Optional.empty();
        Owner owner = owners.get(Ids.hashToken(token), hash -> db.withHandle(h -> tokens.activeOwner(h, hash))
                .map(user -> new Owner(hash, user)).orElse(null));
        return owner != null && owner.user().id().equals(userId) ? Optional.of(owner.user()) : Optional.empty();
    }

    /**
     * A password login from {@code ip}; {@code digestHex} is the SHA-256 of the password, as clients may send it.
     * An unknown user costs the same bcrypt check as a wrong password.
     */
    public Session login(String usernameOrEmail, String digestHex, String ip) {
        long now = clock.millis();
        Optional<User> found = db.withHandle(h -> users.byLogin(h, usernameOrEmail));
        String userId = found.map(User::id).orElse(null);
        refuseIfBlocked(ip, usernameOrEmail, userId, now);
        if (found.isEmpty()) {
            passwords.spendDecoyCheck(digestHex);
            throw failure(ip, usernameOrEmail, null, "unknown-user", "Unauthorized", now);
        }
        User user = found.get();
        String hash = db.withHandle(h -> users.passwordHash(h, user.id())).orElseThrow();
        if (!passwords.matches(digestHex, hash)) {
            throw failure(ip, usernameOrEmail, user.id(), "incorrect-password", "Incorrect password", now);
        }
        if (!user.active()) {
            audit.loginFailed(ip, user.username(), user.id(), "deactivated");
            throw ApiError.loginFailed("error-user-is-not-activated", "User is not activated");
        }
        String token = Ids.newToken();
        db.useTransaction(h -> {
            tokens.insert(h, Ids.hashToken(token), user.id(), now);
            guard.succeeded(h, ip, user.id());
        });
        audit.loginSucceeded(ip, user.id(), user.username());
        return new Session(user, token);
    }

    /** A resume login: the token stays valid and is returned as it is. Failures count against the address. */
    public Session resume(String token, String ip) {
        long now = clock.millis();
        refuseIfBlocked(ip, "(resume)", null, now);
        Optional<User> owner = db.withHandle(h -> tokens.activeOwner(h, Ids.hashToken(token)));
        if (owner.isEmpty()) throw failure(ip, "(resume)", null, "unknown-token", "Unauthorized", now);
        db.useTransaction(h -> guard.succeeded(h, ip, owner.get().id()));
        audit.loginSucceeded(ip, owner.get().id(), owner.get().username());
        return new Session(owner.get(), token);
    }

    public void logout(String token) {
        db.useTransaction(h -> tokens.delete(h, Ids.hashToken(token)));
    }

    private void refuseIfBlocked(String ip, String attempted, String userId, long now) {
        Optional<String> blocked = db.withHandle(h -> guard.blocked(h, ip, userId, now));
        if (blocked.isEmpty()) return;
        audit.loginFailed(ip, attempted, userId, blocked.get());
        boolean forIp = blocked.get().equals(LoginGuard.BLOCKED_FOR_IP);
        throw ApiError.loginFailed(blocked.get(), "Login has been temporarily blocked For " + (forIp ? "IP" : "User"));
    }

    private ApiError failure(String ip, String attempted, String userId, String reason, String message, long now) {
        db.useTransaction(h -> guard.failed(h, ip, userId, now));
        audit.loginFailed(ip, attempted, userId, reason);
        return ApiError.loginFailed("Unauthorized", message);
    }
}
