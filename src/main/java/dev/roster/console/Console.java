package dev.roster.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * Serves the admin console, the static files under /console on the classpath, at /. The console is a client of the
 * public REST API like any other; paths under /api/ are never looked up here, so they keep the API's own answers.
 */
public final class Console {
    /** No inline scripts or styles, no framing, no referrer, no content sniffing; reloads always revalidate. */
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-cache");

    private Console() {}

    public static void install(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/console";
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
            files.skipFileFunction = request -> request.getRequestURI().startsWith("/api/");
        });
    }
}
