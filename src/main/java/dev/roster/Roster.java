package dev.roster;

/** The command line entry point: reads the environment, starts the server, stops it cleanly on SIGTERM. */
public final class Roster {
    private Roster() {}

    public static void main(String[] args) {
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
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "roster-shutdown"));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.lines().findFirst().orElse(message);
    }
}
