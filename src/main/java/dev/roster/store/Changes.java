package dev.roster.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * How caches learn that stored users changed, on this node or on any other. Every store method that writes a
 * user's row, roles or tokens records the user here inside its transaction, and every request calls
 * {@link #catchUp()} before it reads a cache.
 *
 * <p>On SQLite one node owns the database, so a change is announced in the writing thread right after it commits,
 * before that request answers. On PostgreSQL each change also takes the next number of a version kept in the
 * database (its row lock orders the changes as they commit) and logs the user under it; {@code catchUp} reads
 * that version, one indexed query, and announces whatever it has not seen. So a change made on one node holds on
 * every node from the very next request, which notifications (LISTEN/NOTIFY, which arrive when they arrive) could
 * not promise.
 */
public final class Changes {
    /** What a cache does when users change. */
    public interface Listener {
        void changed(String userId);

        /** Anything may have changed (the grants of a role, or more changes than the log keeps). */
        void changedAll();
    }

    private static final int KEEP = 100_000;

    private final Jdbi jdbi;
    private final boolean shared;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong epoch = new AtomicLong();
    private long seen;
    private final Reads reads = new Reads();

    private Changes(Jdbi jdbi, boolean shared) {
        this.jdbi = jdbi;
        this.shared = shared;
        if (shared) seen = version();
    }

    /** Changes on a database that this node owns alone (SQLite). */
    public static Changes local() {
        return new Changes(null, false);
    }

    /** Changes on a database that several nodes share (PostgreSQL). */
    public static Changes shared(Jdbi jdbi) {
        return new Changes(jdbi, true);
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /**
     * A number that grows with every change announced here. A cache notes it before it reads the database and
     * keeps what it read only if it has not moved, so a read that raced a change is never kept.
     */
    public long epoch() {
        return epoch.get();
    }

    /** Inside a write transaction: once it commits, every cache forgets this user (null: everything). */
    public void record(Handle h, String userId) {
        // Outside a transaction nothing would announce it (afterCommit needs a commit) and nothing would order it.
        if (!h.isInTransaction()) throw new IllegalStateException("a change of a user is recorded inside a transaction");
        if (shared) {
            long version = h.createQuery("UPDATE change_clock SET version = version + 1 RETURNING version")
                    .mapTo(Long.class).one();
            h.createUpdate("INSERT INTO user_changes (version, user_id) VALUES (:version, :userId)")
                    .bind("version", version).bind("userId", userId).execute();
            if (version % 1000 == 0) {
                h.createUpdate("DELETE FROM user_changes WHERE version <= :old").bind("old", version - KEEP).execute();
            }
        }
        h.afterCommit(() -> announce(userId));
    }

    /**
     * Announces every change other nodes committed before this call (nothing to do on SQLite). Calls made at the
     * same moment share one read: a call waits for a read that started after it was made (one already under way
     * may have missed a change committed just before the call), so each still sees every earlier commit, and a
     * busy node reads the version once per round trip rather than once per request.
     */
    public void catchUp() {
        if (!shared) return;
        long read;
        synchronized (reads) {
            long need = reads.started + 1; // the first read that starts from now on
            while (reads.finished < need) {
                if (!reads.underWay) {
                    reads.underWay = true; // this call reads, for itself and for those that wait from now on
                    reads.started++;
                    break;
                }
                waitForRead();
            }
            if (reads.finished >= need) return;
            read = reads.started;
        }
        boolean done = false;
        try {
            apply(version());
            done = true;
        } finally {
            synchronized (reads) {
                reads.underWay = false;
                if (done) reads.finished = read;
                else reads.started = reads.finished; // the next caller reads again
                reads.notifyAll();
            }
        }
    }

    private void waitForRead() {
        try {
            reads.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the change version", e);
        }
    }

    /** The reads of the version by {@link #catchUp}: one at a time, numbered as they start. */
    private static final class Reads {
        long started;
        long finished;
        boolean underWay;
    }

    private void apply(long version) {
        synchronized (this) {
            if (version <= seen) return;
            long from = seen;
            List<String> users = jdbi.withHandle(h -> h.createQuery("""
                    SELECT user_id FROM user_changes WHERE version > :from AND version <= :to ORDER BY version""")
                    .bind("from", from).bind("to", version).mapTo(String.class).list());
            if (users.size() != version - from) announce(null); // the log no longer reaches back that far
            else users.forEach(this::announce);
            seen = version;
        }
    }

    private long version() {
        return jdbi.withHandle(h -> h.createQuery("SELECT version FROM change_clock").mapTo(Long.class).one());
    }

    private void announce(String userId) {
        epoch.incrementAndGet();
        for (Listener l : listeners) {
            if (userId == null) l.changedAll();
            else l.changed(userId);
        }
    }
}
