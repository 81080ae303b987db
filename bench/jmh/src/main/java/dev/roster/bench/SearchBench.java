package dev.roster.bench;

import dev.roster.api.Page;
import dev.roster.audit.Actor;
import dev.roster.audit.AuditLog;
import dev.roster.omnichannel.StaffDirectory;
import dev.roster.omnichannel.StaffService;
import dev.roster.omnichannel.StaffType;
import dev.roster.roles.Authorizer;
import dev.roster.roles.RoleAssignments;
import dev.roster.roles.RoleStore;
import dev.roster.store.Changes;
import dev.roster.store.Database;
import dev.roster.users.User;
import dev.roster.users.UserStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The database side of the staff endpoints, through Roster's own classes, on the SQLite file that bench/jmh/run
 * seeds with bench/Seed.java (-Droster.bench.db): the agent list and text search from the in-memory directory
 * beside the SQL search that served them before (the baseline), a cached permission check, and a registration
 * with its removal.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SearchBench {
    private static final List<Page.SortKey> BY_NAME = List.of(new Page.SortKey("name", true));
    private static final UserStore.Filter ALL = new UserStore.Filter(null, null, false, null, false);
    private static final UserStore.Filter MATCHING = new UserStore.Filter(null, "mar", false, null, false);
    private static final UserStore.Filter AGENTS_SQL = new UserStore.Filter(RoleAssignments.AGENT, null, false, null, false);
    private static final UserStore.Filter MATCHING_SQL = new UserStore.Filter(RoleAssignments.AGENT, "mar", false, null, false);

    private Database db;
    private UserStore users;
    private StaffDirectory directory;
    private StaffService staff;
    private Authorizer authorizer;
    private long agents;
    private String someAgent;
    private List<String> notAgents;
    private final Actor actor = Actor.system();

    @Setup(Level.Trial)
    public void open() {
        String file = System.getProperty("roster.bench.db");
        if (file == null) throw new IllegalStateException("-Droster.bench.db=<seeded SQLite file> is needed (bench/jmh/run sets it)");
        db = Database.open("jdbc:sqlite:" + file);
        Changes changes = Changes.local();
        users = new UserStore(db.dialect(), changes);
        RoleStore roles = new RoleStore(db.dialect(), changes);
        directory = new StaffDirectory(db.jdbi(), changes);
        staff = new StaffService(db, users, roles, new RoleAssignments(roles, new AuditLog(Clock.systemUTC())), directory,
                Clock.systemUTC());
        authorizer = new Authorizer(db.jdbi(), roles, changes);
        agents = directory.search(StaffType.AGENT, ALL, new Page(0, 1, BY_NAME)).total();
        someAgent = db.withHandle(h -> h.createQuery("SELECT user_id FROM user_roles WHERE role = 'livechat-agent' LIMIT 1")
                .mapTo(String.class).one());
        notAgents = db.withHandle(h -> h.createQuery("""
                SELECT username FROM users u WHERE NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id
                AND r.role IN ('livechat-agent', 'livechat-manager')) LIMIT 1000""").mapTo(String.class).list());
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }

    private int randomOffset() {
        return ThreadLocalRandom.current().nextInt((int) Math.max(1, agents - 25));
    }

    /** One page of 25 agents at a random offset, by name, as GET livechat/users/agent answers it. */
    @Benchmark
    public StaffDirectory.Listed pageOfAgents() {
        return directory.search(StaffType.AGENT, ALL, new Page(randomOffset(), 25, BY_NAME));
    }

    /** The first page of agents whose username, name or email contains "mar", and how many do. */
    @Benchmark
    public StaffDirectory.Listed textSearch() {
        return directory.search(StaffType.AGENT, MATCHING, new Page(0, 25, BY_NAME));
    }

    /** The baseline: the same page through SQL, as Roster answered it before the directory. */
    @Benchmark
    public UserStore.Found pageOfAgentsInSql() {
        return db.withHandle(h -> users.search(h, AGENTS_SQL, new Page(randomOffset(), 25, BY_NAME)));
    }

    /** The baseline: the same text search through SQL. */
    @Benchmark
    public UserStore.Found textSearchInSql() {
        return db.withHandle(h -> users.search(h, MATCHING_SQL, new Page(0, 25, BY_NAME)));
    }

    /** The permission check of every route with a permission (cached after the first). */
    @Benchmark
    public boolean permissionCheck() {
        return authorizer.has(someAgent, "edit-omnichannel-contact");
    }

    /** A registration and its removal: two write transactions, as POST and DELETE livechat/users/agent make. */
    @Benchmark
    public User registerAndRemove() {
        String username = notAgents.get(ThreadLocalRandom.current().nextInt(notAgents.size()));
        User user = staff.register(StaffType.AGENT, username, actor);
        staff.remove(StaffType.AGENT, user.id(), actor);
        return user;
    }
}
