package dev.roster;

import org.slf4j.LoggerFactory;

/** The command line entry point: reads the environment, starts the server, stops it cleanly on SIGTERM. */
public final class Roster {
    private Roster() {}

    public static void main(String[] args) {
        if (args.length > 0) {
            System.exit(command(args));
            return;
        }
        Application app;
        try {
            app = Application.start(Config.fromEnv(System.getenv()));
        } catch (Config.Invalid e) {
            System.err.println("roster: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            // One line for the operator; a start-up failure is not a bug report.
            System.err.println("roster: could not start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            // Last: logging stops, and the audit lines still queued are written out.
            if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logging) logging.stop();
        }, "roster-shutdown"));
    }

    /** The commands besides serving: {@code copy-database FROM_URL TO_URL}. */
    private static int command(String[] args) {
        if (args.length == 3 && args[0].equals("copy-database")) {
            try {
                var copied = dev.roster.store.DatabaseCopy.copy(args[1], args[2]);
                System.out.println("roster: copied " + copied);
                return 0;
            } catch (RuntimeException e) {
                System.err.println("roster: copy-database failed: " + rootMessage(e));
                return 1;
            }
        }
        System.err.println("usage: roster                                   serve (settings from the environment)");
        System.err.println("       roster copy-database FROM_URL TO_URL     copy everything into an empty database");
        return 2;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.lines().findFirst().orElse(message);
    }
}
