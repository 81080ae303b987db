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
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "roster-shutdown"));
    }
}
