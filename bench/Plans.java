import dev.roster.api.Page;
import dev.roster.auth.TokenStore;
import dev.roster.omnichannel.StaffDirectory;
import dev.roster.omnichannel.StaffType;
import dev.roster.roles.RoleStore;
import dev.roster.store.Changes;
import dev.roster.store.Database;
import dev.roster.store.Ids;
import dev.roster.users.UserStore;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Prints, as Markdown, the query plans and timings of the SQL that Roster's hot requests issue.
 *
 * <pre>java -cp target/roster.jar bench/Plans.java --url DATABASE_URL --text FRAGMENT</pre>
 *
 * The SQL is not copied here: Roster's own code (StaffDirectory, TokenStore, RoleStore, Changes) runs against the
 * database while a Jdbi SqlLogger captures each statement with its bound arguments, which are then replayed
 * under EXPLAIN QUERY PLAN (SQLite) or EXPLAIN (ANALYZE, BUFFERS) (PostgreSQL) and timed on their own.
 */
public final class Plans {
    record Captured(String sql, List<Argument> args, StatementContext ctx) {}

    private static final int RUNS = 21;

    public static void main(String[] args) throws Exception {
        String url = null, text = "mar";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--text" -> text = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null) throw new IllegalArgumentException("usage: bench/Plans.java --url DATABASE_URL [--text FRAGMENT]");

        List<Captured> captured = new ArrayList<>();
        try (Database db = Database.open(url)) {
            db.jdbi().setSqlLogger(new SqlLogger() {
                @Override
                @SuppressWarnings("removal") // Binding's lookups are the only way to read arguments back
                public void logBeforeExecution(StatementContext ctx) {
                    List<Argument> bound = new ArrayList<>();
                    var params = ctx.getParsedSql().getParameters();
                    for (int i = 0; i < params.getParameterCount(); i++) {
                        bound.add(params.isPositional()
                                ? ctx.getBinding().findForPosition(i).orElseThrow()
                                : ctx.getBinding().findForName(params.getParameterNames().get(i), ctx).orElseThrow());
                    }
                    captured.add(new Captured(ctx.getParsedSql().getSql(), bound, ctx));
                }
            });
            Changes changes = Changes.local();
            UserStore users = new UserStore(db.dialect(), changes);
            RoleStore roles = new RoleStore(db.dialect(), changes);
            TokenStore tokens = new TokenStore(changes);
            StaffDirectory directory = new StaffDirectory(db.jdbi(), changes);
            var byName = List.of(new Page.SortKey("name", true));
            var agents = new UserStore.Filter(null, null, false, null, false);
            String someone = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM users WHERE username = 'admin'")
                    .mapTo(String.class).findOne().orElse("nobody"));
            captured.clear();
            List<String> labels = new ArrayList<>();
            // Lists are answered from memory: these are the reads that keep it true, not a read per list.
            run(db, captured, labels, h -> directory.search(StaffType.AGENT, agents, new Page(0, 25, byName)),
                    "staff lists: every agent and manager, read once when the first list is asked for");
            run(db, captured, labels, h -> {
                        directory.changed(someone);
                        return directory.search(StaffType.AGENT, agents, new Page(0, 25, byName));
                    },
                    "staff lists: a changed user read again, before the next list after a change");
            // Authentication and permissions are cached too; these run when a cache does not yet know the user.
            run(db, captured, labels, h -> tokens.activeOwner(h, Ids.hashToken("no-such-token")),
                    "auth: a token's owner, when the token is not yet cached");
            run(db, captured, labels, h -> roles.permissionsOf(h, someone),
                    "auth: a user's permissions, when not yet cached");
            run(db, captured, labels, h -> roles.rolesOf(h, someone), "auth: a user's roles, when not yet cached");
            if (db.dialect() == Database.Dialect.POSTGRES) {
                run(db, captured, labels, h -> {
                    Changes.shared(db.jdbi()).catchUp();
                    return null;
                }, "PostgreSQL, every request: the version of what any node changed");
            }

            StringBuilder md = new StringBuilder();
            md.append("| query | median of ").append(RUNS).append(" runs (ms) |\n|---|---:|\n");
            List<String> details = new ArrayList<>();
            try (Connection c = db.dataSource().getConnection()) {
                for (int i = 0; i < captured.size(); i++) {
                    Captured q = captured.get(i);
                    double ms = medianMillis(c, q);
                    md.append("| ").append(labels.get(i)).append(" | ").append(String.format(Locale.ROOT, "%.3f", ms)).append(" |\n");
                    details.add(detail(c, db.dialect(), labels.get(i), q, ms));
                }
            }
            md.append('\n');
            details.forEach(md::append);
            System.out.print(md);
        }
    }

    interface Work {
        Object in(Handle h);
    }

    /** Runs one store call and labels the statements it issued, in order. */
    private static void run(Database db, List<Captured> captured, List<String> labels, Work work, String... names) {
        int before = captured.size();
        db.jdbi().withHandle(h -> work.in(h));
        int issued = captured.size() - before;
        for (int i = 0; i < issued; i++) labels.add(i < names.length ? names[i] : names[names.length - 1] + " (statement " + (i + 1) + ")");
    }

    private static String detail(Connection c, Database.Dialect dialect, String label, Captured q, double ms) throws SQLException {
        StringBuilder out = new StringBuilder();
        out.append("#### ").append(label).append("\n\n```sql\n").append(q.sql().strip()).append("\n```\n");
        out.append("arguments: ").append(describe(q)).append("\n\n```\n");
        if (dialect == Database.Dialect.SQLITE) {
            // EXPLAIN QUERY PLAN rows are (id, parent, notused, detail); parents give the tree's indentation.
            TreeMap<Integer, Integer> depth = new TreeMap<>();
            try (PreparedStatement ps = prepare(c, "EXPLAIN QUERY PLAN " + q.sql(), q); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int id = rs.getInt(1), parent = rs.getInt(2);
                    int d = depth.getOrDefault(parent, -1) + 1;
                    depth.put(id, d);
                    out.append("  ".repeat(d)).append(rs.getString(4)).append('\n');
                }
            }
        } else {
            try (PreparedStatement ps = prepare(c, "EXPLAIN (ANALYZE, BUFFERS) " + q.sql(), q); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.append(rs.getString(1)).append('\n');
            }
        }
        return out.append("```\n\n").toString();
    }

    private static double medianMillis(Connection c, Captured q) throws SQLException {
        double[] ms = new double[RUNS];
        try (PreparedStatement ps = prepare(c, q.sql(), q)) {
            for (int i = -3; i < RUNS; i++) { // three untimed runs warm the page cache
                long t = System.nanoTime();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rs.getObject(1);
                }
                if (i >= 0) ms[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(ms);
        return ms[RUNS / 2];
    }

    private static PreparedStatement prepare(Connection c, String sql, Captured q) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < q.args().size(); i++) q.args().get(i).apply(i + 1, ps, q.ctx());
        return ps;
    }

    /** The bound values, read back by applying each argument to a statement that only records them. */
    private static String describe(Captured q) {
        TreeMap<Integer, Object> values = new TreeMap<>();
        PreparedStatement recorder = (PreparedStatement) Proxy.newProxyInstance(Plans.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, m, a) -> {
                    if (m.getName().startsWith("set") && a != null && a.length >= 2 && a[0] instanceof Integer i) values.put(i, a[1]);
                    return null;
                });
        try {
            for (int i = 0; i < q.args().size(); i++) q.args().get(i).apply(i + 1, recorder, q.ctx());
        } catch (SQLException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
        StringBuilder sb = new StringBuilder();
        values.forEach((i, v) -> sb.append(sb.isEmpty() ? "" : ", ").append('?').append(i).append(" = `").append(v).append('`'));
        return sb.isEmpty() ? "none" : sb.toString();
    }
}
