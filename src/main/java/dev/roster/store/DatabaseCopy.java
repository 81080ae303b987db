package dev.roster.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies every row of one Roster database into another, empty one (e.g. SQLite into PostgreSQL): users with
 * their password hashes, login tokens, roles, permissions and grants. Both are first brought to the same schema
 * version; the copy is one transaction on the target, so it lands whole or not at all.
 */
public final class DatabaseCopy {
    /** Tables in an order that satisfies their foreign keys. */
    static final List<String> TABLES = List.of("roles", "permissions", "permission_roles", "users", "user_roles", "login_tokens");

    private DatabaseCopy() {}

    /** Thrown when the target already holds users: a copy never merges into live data. */
    public static final class TargetNotEmpty extends RuntimeException {
        TargetNotEmpty(long users) {
            super("the target database already has " + users + " user(s); copy only into an empty Roster database");
        }
    }

    /** Copies and returns the number of rows copied per table. */
    public static Map<String, Long> copy(String fromUrl, String toUrl) {
        try (Database from = Database.open(fromUrl); Database to = Database.open(toUrl);
             Connection source = from.dataSource().getConnection(); Connection target = to.dataSource().getConnection()) {
            long users = count(target, "users");
            if (users > 0) throw new TargetNotEmpty(users);
            target.setAutoCommit(false);
            try {
                // The target's seeded roles and grants give way to the source's, which may have been changed.
                for (String table : TABLES.reversed()) {
                    try (Statement s = target.createStatement()) {
                        s.executeUpdate("DELETE FROM " + table);
                    }
                }
                Map<String, Long> copied = new LinkedHashMap<>();
                for (String table : TABLES) copied.put(table, copyTable(source, target, table));
                for (String table : TABLES) {
                    if (count(target, table) != count(source, table)) {
                        throw new IllegalStateException("row count of " + table + " differs after the copy");
                    }
                }
                target.commit();
                return copied;
            } catch (SQLException | RuntimeException e) {
                target.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the copy failed: " + e.getMessage(), e);
        }
    }

    private static long copyTable(Connection source, Connection target, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<Integer> targetTypes = new ArrayList<>();
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i).toLowerCase());
                targetTypes.add(meta.getColumnType(i));
            }
        }
        String names = String.join(", ", columns);
        String insert = "INSERT INTO " + table + " (" + names + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?)";
        long rows = 0;
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery("SELECT " + names + " FROM " + table);
             PreparedStatement out = target.prepareStatement(insert)) {
            while (rs.next()) {
                for (int i = 0; i < columns.size(); i++) setColumn(out, i + 1, targetTypes.get(i), rs);
                out.addBatch();
                if (++rows % 1000 == 0) out.executeBatch();
            }
            out.executeBatch();
        }
        return rows;
    }

    /** Converts by the target column's type: SQLite keeps booleans as integers, PostgreSQL as booleans. */
    private static void setColumn(PreparedStatement out, int index, int targetType, ResultSet in) throws SQLException {
        Object value = in.getObject(index);
        if (value == null) {
            out.setNull(index, targetType);
        } else if (targetType == Types.BOOLEAN || targetType == Types.BIT) {
            out.setBoolean(index, in.getBoolean(index));
        } else if (targetType == Types.BIGINT || targetType == Types.INTEGER) {
            out.setLong(index, in.getLong(index));
        } else {
            out.setString(index, in.getString(index));
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
