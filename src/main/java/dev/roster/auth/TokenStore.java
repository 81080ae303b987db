package dev.roster.auth;

import dev.roster.store.Changes;
import dev.roster.users.User;
import dev.roster.users.UserStore;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for login tokens; only base64(sha256(token)) is ever stored. */
public final class TokenStore {
    private final Changes changes;

    public TokenStore(Changes changes) {
        this.changes = changes;
    }

    public void insert(Handle h, String tokenHash, String userId, long now) {
        h.createUpdate("INSERT INTO login_tokens (token_hash, user_id, created_at) VALUES (:hash, :userId, :now)")
                .bind("hash", tokenHash).bind("userId", userId).bind("now", now).execute();
    }

    /** The active user a token belongs to. */
    public Optional<User> activeOwner(Handle h, String tokenHash) {
        return h.createQuery("SELECT " + UserStore.COLUMNS + """
                 FROM login_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.token_hash = :hash AND u.active = TRUE""")
                .bind("hash", tokenHash).map(UserStore.USER).findOne();
    }

    public void delete(Handle h, String tokenHash) {
        h.createQuery("DELETE FROM login_tokens WHERE token_hash = :hash RETURNING user_id").bind("hash", tokenHash)
                .mapTo(String.class).findOne().ifPresent(userId -> changes.record(h, userId));
    }

    public void deleteAllOf(Handle h, String userId) {
        changes.record(h, userId);
        h.createUpdate("DELETE FROM login_tokens WHERE user_id = :userId").bind("userId", userId).execute();
    }
}
