package dev.roster.store;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps SQLite's prepared statements between uses. Neither sqlite-jdbc, HikariCP nor Jdbi caches them, so every
 * query would be parsed and planned again (a fifth of all CPU in profiles). Statements are prepared on the pooled
 * connection's physical connection, so the pool's proxy does not close them when the connection goes back, and
 * kept per physical connection, which one thread at a time uses. A statement is lent out while in use: the same
 * SQL asked for again before it is closed (a query run inside the loop over its own results) gets a new one.
 */
final class CachedStatements implements StatementBuilder {
    /** A bound on the distinct SQL texts kept per connection (Roster issues a few dozen). */
    private static final int MAX = 256;

    /** A factory for one pool: a cache per physical connection, dropped with the connection. */
    static StatementBuilderFactory factory() {
        Map<Connection, CachedStatements> byConnection = new WeakHashMap<>();
        return connection -> {
            try {
                Connection physical = connection.unwrap(org.sqlite.SQLiteConnection.class);
                synchronized (byConnection) {
                    return byConnection.computeIfAbsent(physical, c -> new CachedStatements());
                }
            } catch (SQLException e) {
                throw new IllegalStateException("an SQLite pool gives SQLite connections", e);
            }
        };
    }

    private final Map<String, PreparedStatement> idle = new HashMap<>();

    private CachedStatements() {}

    @Override
    public PreparedStatement create(Connection connection, String sql, StatementContext ctx) throws SQLException {
        PreparedStatement kept;
        synchronized (this) {
            kept = idle.remove(sql);
        }
        if (kept != null && !kept.isClosed()) return kept;
        return connection.unwrap(org.sqlite.SQLiteConnection.class).prepareStatement(sql);
    }

    @Override
    public void close(Connection connection, String sql, Statement statement) throws SQLException {
        if (sql == null || !(statement instanceof PreparedStatement prepared)) {
            statement.close();
            return;
        }
        prepared.clearParameters();
        synchronized (this) {
            if (idle.size() < MAX && idle.putIfAbsent(sql, prepared) == null) return;
        }
        statement.close();
    }

    @Override
    public Statement create(Connection connection, StatementContext ctx) throws SQLException {
        return connection.createStatement();
    }

    @Override
    public CallableStatement createCall(Connection connection, String sql, StatementContext ctx) throws SQLException {
        return connection.prepareCall(sql);
    }
}
