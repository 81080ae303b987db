package dev.roster.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Every stored row of a Roster database as text, in a fixed order, so a test can prove that a request changed
 * nothing. The same on SQLite and PostgreSQL (booleans and numbers are read as text by type).
 */
public final class DataSnapshot {
    public static final List<String> TABLES = List.of(
            "users", "user_roles", "login_tokens", "roles", "permissions", "permission_roles", "login_failures", "rate_limits");

    private DataSnapshot() {}

    public static String of(TestServer server) {
        try (Connection c = server.jdbc()) {
            StringBuilder out = new StringBuilder();
            for (String table : TABLES) {
                out.append("== ").append(table).append('\n');
                for (String row : rows(c, table)) out.append(row).append('\n');
            }
            return out.toString();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database", e);
        }
    }

    private static List<String> rows(Connection c, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(meta.getColumnName(i).toLowerCase()).append('=').append(rs.getString(i)).append(' ');
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }
}
