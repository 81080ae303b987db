package dev.roster.users;

import dev.roster.api.Page;
import dev.roster.store.Changes;
import dev.roster.store.Database.Dialect;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/** SQL for the users table: lookups, writes and the filtered, paginated search behind users.list. */
public final class UserStore {
    /** The user columns of alias u, for other features' joins. */
    public static final String COLUMNS = """
            u.id, u.username, u.name, u.email, u.email_verified, u.require_password_change, u.active,
            u.status, u.status_text, u.status_livechat, u.created_at, u.updated_at""";

    public static final RowMapper<User> USER = (rs, ctx) -> new User(
            rs.getString("id"), rs.getString("username"), rs.getString("name"), rs.getString("email"),
            rs.getBoolean("email_verified"), rs.getBoolean("require_password_change"), rs.getBoolean("active"),
            rs.getString("status"), rs.getString("status_text"), rs.getString("status_livechat"),
            rs.getLong("created_at"), rs.getLong("updated_at"));

    /** API sort fields and the columns behind them; a missing statusLivechat sorts first, as in MongoDB. */
    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "_id", "u.id",
            "username", "u.username",
            "name", "u.name",
            "status", "u.status",
            "statusLivechat", "u.status_livechat",
            "emails.address", "u.email");

    public static final java.util.Set<String> SORTABLE = SORT_COLUMNS.keySet();

    /** Which users a list shows; null fields do not filter. */
    public record Filter(String role, String text, boolean onlyAvailable, String excludeId, boolean hideOffline) {
        public static Filter text(String text) {
            return new Filter(null, text, false, null, false);
        }
    }

    public record Found(List<User> users, long total) {}

    /** A user's stored fields for insert and update; the password hash travels beside it, never inside User. */
    public record Row(User user, String passwordHash) {}

    private final Dialect dialect;
    private final Changes changes;

    public UserStore(Dialect dialect, Changes changes) {
        this.dialect = dialect;
        this.changes = changes;
    }

    public Optional<User> byId(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM users u WHERE u.id = :id").bind("id", id).map(USER).findOne();
    }

    /** Exact username, as the register call and users.info look users up. */
    public Optional<User> byUsername(Handle h, String username) {
        return h.createQuery("SELECT " + COLUMNS + " FROM users u WHERE u.username = :username")
                .bind("username", username).map(USER).findOne();
    }

    /** A username or email address in any case, as a login names its user. */
    public Optional<User> byLogin(Handle h, String usernameOrEmail) {
        String key = CaseFolding.fold(usernameOrEmail);
        return h.createQuery("SELECT " + COLUMNS + " FROM users u WHERE u.username_key = :key OR u.email_key = :key")
                .bind("key", key).map(USER).findFirst();
    }

    public Optional<User> byUsernameKey(Handle h, String username) {
        return h.createQuery("SELECT " + COLUMNS + " FROM users u WHERE u.username_key = :key")
                .bind("key", CaseFolding.fold(username)).map(USER).findOne();
    }

    public Optional<User> byEmailKey(Handle h, String email) {
        return h.createQuery("SELECT " + COLUMNS + " FROM users u WHERE u.email_key = :key")
                .bind("key", CaseFolding.fold(email)).map(USER).findOne();
    }

    public Optional<String> passwordHash(Handle h, String userId) {
        return h.createQuery("SELECT password_hash FROM users WHERE id = :id").bind("id", userId).mapTo(String.class).findOne();
    }

    public void insert(Handle h, User u, String passwordHash) {
        changes.record(h, u.id());
        h.createUpdate("""
                INSERT INTO users (id, username, username_key, name, name_key, email, email_key, email_verified,
                                   password_hash, require_password_change, active, status, status_text,
                                   status_livechat, created_at, updated_at)
                VALUES (:id, :username, :usernameKey, :name, :nameKey, :email, :emailKey, :emailVerified,
                        :passwordHash, :requirePasswordChange, :active, :status, :statusText,
                        :statusLivechat, :createdAt, :updatedAt)""")
                .bindMethods(u)
                .bind("usernameKey", CaseFolding.fold(u.username()))
                .bind("nameKey", CaseFolding.fold(u.name()))
                .bind("emailKey", CaseFolding.fold(u.email()))
                .bind("passwordHash", passwordHash)
                .execute();
    }

    /** Writes a user's editable fields (not its status or omnichannel state). */
    public void updateProfile(Handle h, User u) {
        changes.record(h, u.id());
        h.createUpdate("""
                UPDATE users SET username = :username, username_key = :usernameKey, name = :name, name_key = :nameKey,
                                 email = :email, email_key = :emailKey, email_verified = :emailVerified,
                                 require_password_change = :requirePasswordChange, status_text = :statusText,
                                 updated_at = :updatedAt
                WHERE id = :id""")
                .bindMethods(u)
                .bind("usernameKey", CaseFolding.fold(u.username()))
                .bind("nameKey", CaseFolding.fold(u.name()))
                .bind("emailKey", CaseFolding.fold(u.email()))
                .execute();
    }

    public void setPasswordHash(Handle h, String userId, String passwordHash, long now) {
        changes.record(h, userId);
        h.createUpdate("UPDATE users SET password_hash = :hash, updated_at = :now WHERE id = :id")
                .bind("hash", passwordHash).bind("now", now).bind("id", userId).execute();
    }

    /** Activates or deactivates; a deactivated agent stops being available. */
    public void setActive(Handle h, String userId, boolean active, long now) {
        changes.record(h, userId);
        h.createUpdate("""
                UPDATE users SET active = :active, updated_at = :now,
                    status_livechat = CASE WHEN :active OR status_livechat IS NULL THEN status_livechat ELSE 'not-available' END
                WHERE id = :id""")
                .bind("active", active).bind("now", now).bind("id", userId).execute();
    }

    public void setStatus(Handle h, String userId, String status, String statusText, long now) {
        changes.record(h, userId);
        h.createUpdate("""
                UPDATE users SET status = COALESCE(:status, status), status_text = COALESCE(:text, status_text), updated_at = :now
                WHERE id = :id""")
                .bind("status", status).bind("text", statusText).bind("now", now).bind("id", userId).execute();
    }

    public void setStatusLivechat(Handle h, String userId, String statusLivechat, long now) {
        changes.record(h, userId);
        h.createUpdate("UPDATE users SET status_livechat = :s, updated_at = :now WHERE id = :id")
                .bind("s", statusLivechat).bind("now", now).bind("id", userId).execute();
    }

    /** Deletes a user; its roles and tokens go with it (ON DELETE CASCADE). */
    public boolean delete(Handle h, String userId) {
        changes.record(h, userId);
        return h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", userId).execute() == 1;
    }

    /**
     * One page of the users a filter matches, and how many it matches in all. Text is matched literally. The staff
     * lists are answered from memory (StaffDirectory), which is tested to answer exactly what this does with a role.
     */
    public Found search(Handle h, Filter filter, Page page) {
        StringBuilder from = new StringBuilder(" FROM users u");
        if (filter.role() != null) from.append(" JOIN user_roles r ON r.user_id = u.id AND r.role = :role");
        from.append(" WHERE 1 = 1");
        String pattern = null;
        if (filter.text() != null && !filter.text().isEmpty()) {
            pattern = "%" + likeEscape(CaseFolding.fold(filter.text())) + "%";
            from.append(" AND (u.username_key LIKE :pattern ESCAPE '!' OR u.name_key LIKE :pattern ESCAPE '!'"
                    + " OR u.email_key LIKE :pattern ESCAPE '!')");
        }
        if (filter.onlyAvailable()) from.append(" AND u.status_livechat = 'available'");
        if (filter.excludeId() != null) from.append(" AND u.id <> :excludeId");
        if (filter.hideOffline()) from.append(" AND u.status <> 'offline'");

        Query count = h.createQuery("SELECT COUNT(*)" + from);
        Query rows = h.createQuery("SELECT " + COLUMNS + from + orderBy(page.sort()) + " LIMIT :limit OFFSET :offset")
                .bind("limit", page.count() == 0 ? Integer.MAX_VALUE : page.count())
                .bind("offset", page.offset());
        for (Query q : List.of(count, rows)) {
            if (filter.role() != null) q.bind("role", filter.role());
            if (pattern != null) q.bind("pattern", pattern);
            if (filter.excludeId() != null) q.bind("excludeId", filter.excludeId());
        }
        long total = count.mapTo(Long.class).one();
        List<User> users = total == 0 ? List.of() : rows.map(USER).list();
        return new Found(users, total);
    }

    private String orderBy(List<Page.SortKey> sort) {
        StringBuilder sql = new StringBuilder(" ORDER BY ");
        boolean byId = false;
        for (Page.SortKey key : sort) {
            String column = SORT_COLUMNS.get(key.field());
            String dir = key.ascending() ? " ASC" : " DESC";
            if (column.equals("u.status_livechat")) {
                sql.append("CASE WHEN ").append(column).append(" IS NULL THEN 0 ELSE 1 END").append(dir).append(", ");
            }
            sql.append(dialect.binaryOrder(column)).append(dir).append(", ");
            byId |= column.equals("u.id");
        }
        // Ties are broken by id so that pages never overlap.
        if (!byId) sql.append(dialect.binaryOrder("u.id")).append(" ASC, ");
        return sql.substring(0, sql.length() - 2);
    }

    /** Makes text literal inside LIKE; '!' is the escape character (a backslash trips Jdbi's SQL parser). */
    private static String likeEscape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
