package dev.roster.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven by Playwright: one browser for all the browser tests of a JVM. Where
 * /usr/bin/chromium is absent, the tests that ask for it are skipped, and say so loudly.
 */
final class Chromium {
    static final Path EXECUTABLE = Paths.get("/usr/bin/chromium");
    static final String MISSING =
            "CHROMIUM NOT FOUND at /usr/bin/chromium: browser tests SKIPPED; apt-get install -y chromium";
    /** Without the background-networking flags Chromium keeps dialing out, and this closed network refuses it. */
    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private static Browser browser;

    private Chromium() {}

    /**
     * The shared browser, launched on first use. When Chromium is absent the calling test is skipped, except under
     * CI=true (as .ci/run runs), where the browser tests must run and its absence fails them.
     */
    static synchronized Browser browser() {
        if (!Files.isExecutable(EXECUTABLE)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(MISSING.replace("SKIPPED", "cannot run under CI"));
            }
            System.err.println("\n*** " + MISSING + " ***\n");
            assumeTrue(false, MISSING);
        }
        if (browser == null) {
            // The driver must never fetch browsers of its own; the pom sets the same for surefire.
            Playwright playwright = Playwright.create(
                    new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(ARGS));
            Runtime.getRuntime().addShutdownHook(new Thread(playwright::close));
        }
        return browser;
    }
}
