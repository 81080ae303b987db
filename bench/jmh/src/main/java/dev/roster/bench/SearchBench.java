package dev.roster.bench;

import dev.roster.api.Page;
import dev.roster.roles.Authorizer;
import dev.roster.roles.RoleAssignments;
import dev.roster.roles.RoleStore;
import dev.roster.store.Database;
import dev.roster.users.UserStore;
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
 * The database work of the agent list, through Roster's own pool and stores, on the SQLite file that
 * bench/jmh/run seeds with bench/Seed.java (-Droster.bench.db).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SearchBench {
    private static final List<Page.SortKey> BY_NAME = List.of(new Page.SortKey("name", true));
    private static final UserStore.Filter AGENTS = new UserStore.Filter(RoleAssignments.AGENT, null, false, null, false);
    private static final UserStore.Filter MATCHING = new UserStore.Filter(RoleAssignments.AGENT, "mar", false, null, false);

    private Database db;
    private UserStore users;
    private Authorizer authorizer;
    private long agents;
    private String someAgent;

    @Setup(Level.Trial)
    public void open() {
        String file = System.getProperty("roster.bench.db");
        if (file == null) throw new IllegalStateException("-Droster.bench.db=<seeded SQLite file> is needed (bench/jmh/run sets it)");
        db = Database.open("jdbc:sqlite:" + file);
        users = new UserStore(db.dialect());
        authorizer = new Authorizer(db.jdbi(), new RoleStore(db.dialect()));
        agents = db.jdbi().withHandle(h -> users.search(h, AGENTS, new Page(0, 1, BY_NAME)).total());
        someAgent = db.jdbi().withHandle(h -> users.search(h, AGENTS, new Page(0, 1, BY_NAME)).users().get(0).id());
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }

    /** One page of 25 agents at a random offset, by name: count plus page, as GET livechat/users/agent does. */
    @Benchmark
    public UserStore.Found pageOfAgents() {
        int offset = ThreadLocalRandom.current().nextInt((int) Math.max(1, agents - 25));
        return db.jdbi().withHandle(h -> users.search(h, AGENTS, new Page(offset, 25, BY_NAME)));
    }

    /** The first page of agents whose username, name or email contains "mar". */
    @Benchmark
    public UserStore.Found textSearch() {
        return db.jdbi().withHandle(h -> users.search(h, MATCHING, new Page(0, 25, BY_NAME)));
    }

    /** The permission check the agent list (and every route with a permission) makes. */
    @Benchmark
    public boolean permissionCheck() {
        return authorizer.has(someAgent, "edit-omnichannel-contact");
    }
}
