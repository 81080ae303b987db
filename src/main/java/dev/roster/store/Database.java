package dev.roster.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.roster.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The connection pool, the schema migrations and the few differences between SQLite and PostgreSQL. */
public final class Database implements AutoCloseable {

    /** Where SQL must differ between the two databases. */
    public enum Dialect {
        SQLITE,
        POSTGRES;

        /** Orders text by code point on both databases (PostgreSQL would otherwise use its locale). */
        public String binaryOrder(String column) {
            return this == POSTGRES ? column + " COLLATE \"C\"" : column;
        }
    }

    private final Dialect dialect;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final ReentrantLock writer;
    private final CachedStatements.Factory statements; // SQLite only

    private Database(Dialect dialect, HikariDataSource pool) {
        this.dialect = dialect;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        this.writer = dialect == Dialect.SQLITE ? new ReentrantLock() : null;
        // pgjdbc keeps server-side prepared statements itself; sqlite-jdbc keeps nothing.
        this.statements = dialect == Dialect.SQLITE ? new CachedStatements.Factory() : null;
        if (statements != null) jdbi.setStatementBuilderFactory(statements);
    }

    /** How many statements SQLite has prepared since the start (tests check that they are reused). */
    long statementsPrepared() {
        return statements == null ? 0 : statements.prepared();
    }

    /** A read on a handle of its own (no transaction). */
    public <R> R withHandle(HandleCallback<R, RuntimeException> work) {
        return jdbi.withHandle(work);
    }

    /** One write transaction; see {@link #inTransaction}. */
    public void useTransaction(HandleConsumer<RuntimeException> work) {
        inTransaction(h -> {
            work.useHandle(h);
            return null;
        });
    }

    /**
     * One write transaction. SQLite lets one transaction write at a time and makes the others wait in its busy
     * handler, which sleeps in steps of milliseconds; so on SQLite writers queue here, before they take a
     * connection, and the next one starts the moment the last commits. PostgreSQL orders writers itself.
     */
    public <R> R inTransaction(HandleCallback<R, RuntimeException> work) {
        if (writer == null) return jdbi.inTransaction(work);
        writer.lock();
        try {
            return jdbi.inTransaction(work);
        } finally {
            writer.unlock();
        }
    }

    /** Opens the database named by a DATABASE_URL and brings its schema up to date. */
    public static Database open(String url) {
        Database db = url.startsWith("jdbc:sqlite:") ? sqlite(url) : postgres(url);
        try {
            db.migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.name().toLowerCase())
                .load()
                .migrate();
    }

    private static Database sqlite(String url) {
        String file = url.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        if (query >= 0) file = file.substring(0, query);
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file::memory:")) {
            throw new Config.Invalid("DATABASE_URL must name an SQLite file, e.g. " + Config.DEFAULT_DATABASE_URL);
        }
        Path dir = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new Config.Invalid("cannot create the data directory " + dir + ": a file of that name is in the way");
        } catch (java.io.IOException | SecurityException e) {
            throw new Config.Invalid("cannot create the data directory " + dir + ": permission denied or read-only");
        }
        if (!Files.isWritable(dir)) throw new Config.Invalid("the data directory " + dir + " is not writable");

        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // WAL with synchronous=NORMAL loses nothing a committed transaction wrote when the process dies.
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(30_000);
        // Write transactions take the write lock up front, so two of them never deadlock on an upgrade.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Roster makes its own ids; else sqlite-jdbc runs a new "SELECT last_insert_rowid()" after every INSERT.
        sqlite.setGetGeneratedKeys(false);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl(url);

        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("roster-sqlite");
        hikari.setDataSource(source);
        hikari.setMaximumPoolSize(8);
        hikari.setMinimumIdle(2); // more connections open when readers need them, not during start-up
        // A local file needs no recycled connections, and each keeps its prepared statements (CachedStatements).
        hikari.setIdleTimeout(0);
        hikari.setMaxLifetime(0);
        return new Database(Dialect.SQLITE, new HikariDataSource(hikari));
    }

    private static Database postgres(String url) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("roster-postgres");
        hikari.setMaximumPoolSize(16);
        if (url.startsWith("jdbc:postgresql://")) {
            hikari.setJdbcUrl(url);
        } else if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw unparseable(url);
            }
            if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) throw unparseable(url);
            hikari.setJdbcUrl("jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                hikari.setUsername(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
                if (colon >= 0) hikari.setPassword(decode(userInfo.substring(colon + 1)));
            }
        } else {
            throw unparseable(url);
        }
        hikari.setInitializationFailTimeout(10_000);
        try {
            return new Database(Dialect.POSTGRES, new HikariDataSource(hikari));
        } catch (RuntimeException e) {
            throw new Config.Invalid("cannot connect to PostgreSQL at " + hikari.getJdbcUrl() + ": " + rootMessage(e));
        }
    }

    private static Config.Invalid unparseable(String url) {
        return new Config.Invalid("DATABASE_URL \"" + redact(url) + "\" is not jdbc:sqlite:<file>, jdbc:postgresql://… or postgres://user:pass@host:port/db");
    }

    private static String redact(String url) {
        return url.replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) e = e.getCause();
        return e.getMessage();
    }
}
