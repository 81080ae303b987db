package dev.roster;

import dev.roster.api.ClientIp;
import dev.roster.api.HttpApi;
import dev.roster.api.Route;
import dev.roster.audit.AuditLog;
import dev.roster.api.Routes;
import dev.roster.auth.AuthHandlers;
import dev.roster.auth.AuthService;
import dev.roster.auth.LoginGuard;
import dev.roster.auth.Passwords;
import dev.roster.auth.TokenStore;
import dev.roster.console.Console;
import dev.roster.omnichannel.StaffDirectory;
import dev.roster.omnichannel.StaffHandlers;
import dev.roster.omnichannel.StaffService;
import dev.roster.ratelimit.MemoryWindows;
import dev.roster.ratelimit.RateLimiter;
import dev.roster.ratelimit.SqlWindows;
import dev.roster.roles.Authorizer;
import dev.roster.roles.RoleAssignments;
import dev.roster.roles.RoleHandlers;
import dev.roster.roles.RoleService;
import dev.roster.roles.RoleStore;
import dev.roster.store.Changes;
import dev.roster.store.Database;
import dev.roster.users.UserHandlers;
import dev.roster.users.UserService;
import dev.roster.users.UserStore;
import io.javalin.Javalin;
import java.net.BindException;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds Roster from its parts, explicitly, and returns a handle that stops it. */
public final class Application {
    private static final Logger log = LoggerFactory.getLogger(Application.class);
    public static final String VERSION = versionOfJar();

    private final Javalin http;
    private final Database db;
    private final Passwords passwords;
    private final List<Route> routes;

    private Application(Javalin http, Database db, Passwords passwords, List<Route> routes) {
        this.http = http;
        this.db = db;
        this.passwords = passwords;
        this.routes = routes;
    }

    /** Opens the database, makes sure an admin exists, and serves HTTP; a bad setting throws Config.Invalid. */
    public static Application start(Config config) {
        return start(config, Clock.systemUTC());
    }

    public static Application start(Config config, Clock clock) {
        long started = System.nanoTime();
        Database db = Database.open(config.databaseUrl());
        try {
            Jdbi jdbi = db.jdbi();
            AuditLog audit = new AuditLog(clock);
            Passwords passwords = new Passwords();
            // Caches learn of changes in-process on SQLite (one node), through the database on PostgreSQL.
            Changes changes = db.dialect() == Database.Dialect.SQLITE ? Changes.local() : Changes.shared(jdbi);
            UserStore userStore = new UserStore(db.dialect(), changes);
            RoleStore roleStore = new RoleStore(db.dialect(), changes);
            TokenStore tokenStore = new TokenStore(changes);
            RoleAssignments assignments = new RoleAssignments(roleStore, audit);
            Authorizer authorizer = new Authorizer(jdbi, roleStore, changes);
            AuthService auth = new AuthService(db, userStore, tokenStore, passwords,
                    new LoginGuard(config.loginBlocking()), audit, changes, clock);
            UserService users = new UserService(db, userStore, roleStore, assignments, tokenStore, passwords, audit,
                    clock, config.usernamePattern());
            RoleService roles = new RoleService(db, roleStore, assignments, userStore, audit, clock);
            StaffService staff = new StaffService(db, userStore, roleStore, assignments,
                    new StaffDirectory(jdbi, changes), clock);
            // One node owns an SQLite file, so it counts in memory; PostgreSQL nodes share their counts.
            RateLimiter rateLimiter = new RateLimiter(config.rateLimits(),
                    db.dialect() == Database.Dialect.SQLITE ? new MemoryWindows() : new SqlWindows(jdbi), clock);

            HttpApi api = new HttpApi(changes, auth, authorizer, rateLimiter, new ClientIp(config.trustedProxies()), audit,
                    config.maxBodyBytes(), VERSION);
            var routes = Routes.table(new AuthHandlers(auth, users), new UserHandlers(users), new RoleHandlers(roles),
                    new StaffHandlers(staff));
            Javalin http = Javalin.create(c -> {
                c.startup.showJavalinBanner = false;
                c.startup.showOldJavalinVersionWarning = false;
                c.router.ignoreTrailingSlashes = true;
                // Bodies are read and limited by the dispatcher; Javalin's own limit stays out of its way.
                c.http.maxRequestSize = Long.MAX_VALUE;
                c.jetty.modifyServer(server -> server.setStopTimeout(10_000));
                // Requests are short and CPU-bound: past a few threads per core, more runnable threads only stretch
                // the latency tail (list at 64 connections: p99 9-18x its p50 with 64 threads, about 7x with 16) and
                // cost memory. A slow upload holds a thread: deploying.md puts a buffering proxy in front.
                c.jetty.threadPool = new QueuedThreadPool(16, 4, 60_000);
                api.install(c, routes);
                Console.install(c); // the admin console at /, a client of the API above
            });
            refuseUnusablePort(config);
            // The admin exists before the first request can arrive.
            users.ensureAdmin(config.adminUsername(), config.adminPassword(), config.adminEmail()).ifPresent(password ->
                    System.out.println("roster: created the admin \"" + config.adminUsername() + "\" with the password "
                            + password + " (shown once; set ADMIN_PASS to choose it)"));
            try {
                http.start(config.bindIp(), config.port());
            } catch (RuntimeException e) {
                if (causedBy(e, BindException.class)) throw unusablePort(config);
                throw e;
            }
            log.info("Roster {} listening on {}:{} ({}, started in {} ms)", VERSION, config.bindIp(), http.port(),
                    db.dialect().name().toLowerCase(), (System.nanoTime() - started) / 1_000_000);
            return new Application(http, db, passwords, routes);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    /** The route table this node serves. */
    public List<Route> routes() {
        return routes;
    }

    /** The password hasher, whose count of bcrypt checks shows what a login cost (tests read it). */
    public Passwords passwords() {
        return passwords;
    }

    /** Stops taking requests, lets those in flight finish, then closes the pool. */
    public void stop() {
        http.stop();
        db.close();
    }

    /** Fails early, with one clear line, when the port cannot be bound (Jetty would log a stack trace). */
    private static void refuseUnusablePort(Config config) {
        if (config.port() == 0) return;
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(config.bindIp(), config.port()));
        } catch (java.io.IOException e) {
            throw unusablePort(config);
        }
    }

    private static Config.Invalid unusablePort(Config config) {
        return new Config.Invalid("cannot listen on " + config.bindIp() + ":" + config.port()
                + ": the port is in use or the address is not local");
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return true;
        return false;
    }

    private static String versionOfJar() {
        String v = Application.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-dev";
    }
}
