package dev.roster.auth;

import dev.roster.users.User;
import dev.roster.users.UserStore;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for login tokens; only base64(sha256(token)) is ever stored. */
public final class TokenStore {
    public void insert(Handle h, String tokenHash, String userId, long now) {
        h.createUpdate("INSERT INTO login_tokens (token_hash, user_id, created_at) VALUES (:hash, :userId, :now)")
                .bind("hash", tokenHash).bind("userId", userId).bind("now", now).execute();
    }

    /** The active user that owns this token, if the token belongs to the named user. */
    public Optional<User> activeOwner(Handle h, String userId, String tokenHash) {
        return h.createQuery("SELECT " + UserStore.COLUMNS + """
                 FROM login_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.token_hash = :hash AND t.user_id = :userId AND u.active = TRUE""")
                .bind("hash", tokenHash).bind("userId", userId).map(UserStore.USER).findOne();
    }

    /** The active user a token belongs to, whoever that is (for a resume login). */
    public Optional<User> activeOwner(Handle h, String tokenHash) {
        return h.createQuery("SELECT " + UserStore.COLUMNS + """
                 FROM login_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.token_hash = :hash AND u.active = TRUE""")
                .bind("hash", tokenHash).map(UserStore.USER).findOne();
    }

    public void delete(Handle h, String tokenHash) {
        h.createUpdate("DELETE FROM login_tokens WHERE token_hash = :hash").bind("hash", tokenHash).execute();
    }

    public void deleteAllOf(Handle h, String userId) {
        h.createUpdate("DELETE FROM login_tokens WHERE user_id = :userId").bind("userId", userId).execute();
    }
}
