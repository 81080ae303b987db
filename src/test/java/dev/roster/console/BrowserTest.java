package dev.roster.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import dev.roster.testing.TestServer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * Base of the console's browser tests: a real server (ServerTest), Debian's Chromium, and a fresh browser context
 * (no cookies, empty sessionStorage) for every test. They do not depend on the database, so they run in the SQLite
 * pass only.
 */
@Tag("sqlite-only")
abstract class BrowserTest extends ServerTest {
    static final Path SCREENSHOTS = Paths.get("target", "console-screenshots");

    private BrowserContext context;
    /** The console's own files; it asks for nothing else outside the API. */
    private static final Set<String> FILES = Set.of(
            "/", "/index.html", "/console.css", "/console.js", "/api.js", "/staff.js", "/combobox.js", "/ui.js", "/favicon.svg");
    /** The public REST API calls the console makes, and no others (contract §2 and §3, users.list of §4). */
    private static final Pattern PUBLIC_API = Pattern.compile(
            "POST /api/v1/(login|logout)|GET /api/v1/users\\.list|(GET|POST) /api/v1/livechat/users/(agent|manager)"
                    + "|DELETE /api/v1/livechat/users/(agent|manager)/[^/]+"
                    + "|POST /api/v1/livechat/agent\\.status");

    /** Messages the browser logged about the Content-Security-Policy: the console must cause none. */
    private final List<String> policyViolations = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    protected Page page;

    @BeforeAll
    static void slowMachinesWaitLonger() {
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000); // two shared cores can be slow
    }

    /** Each test asks for the browser itself, so that without Chromium every test is counted as skipped. */
    @BeforeEach
    void openPage() {
        openPage(1280, 800);
    }

    /** Starts over in a new context with this viewport. */
    protected void openPage(int width, int height) {
        Browser browser = Chromium.browser();
        if (context != null) context.close();
        context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(server.baseUrl()).setViewportSize(width, height).setLocale("en-US"));
        context.setDefaultTimeout(15_000);
        page = context.newPage();
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) policyViolations.add(message.text());
        });
        page.onPageError(error -> policyViolations.add("uncaught script error: " + error));
        page.onRequest(request -> requests.add(request.method() + " " + request.url()));
    }

    @AfterEach
    void closePage() {
        if (context != null) context.close();
        context = null;
        org.assertj.core.api.Assertions.assertThat(policyViolations).as("CSP violations and script errors").isEmpty();
        for (String request : requests) {
            String method = request.substring(0, request.indexOf(' '));
            URI uri = URI.create(request.substring(method.length() + 1));
            org.assertj.core.api.Assertions.assertThat(uri.getScheme() + "://" + uri.getAuthority())
                    .as("origin of %s", request).isEqualTo(server.baseUrl());
            boolean file = method.equals("GET") && FILES.contains(uri.getPath());
            org.assertj.core.api.Assertions.assertThat(file || PUBLIC_API.matcher(method + " " + uri.getPath()).matches())
                    .as("the console asked for %s, which is neither its own file nor the public API it uses", request)
                    .isTrue();
        }
        requests.clear();
    }

    // --- what a person does ---------------------------------------------------------------------------------

    protected void openSignIn() {
        page.navigate("/");
        assertThat(heading("Sign in to Roster")).isVisible();
    }

    /** Signs in through the form and waits for the Agents page. */
    protected void signIn(String user, String password) {
        openSignIn();
        page.getByLabel("Username or email").fill(user);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(heading("Agents")).isVisible();
    }

    protected void signInAsAdmin() {
        signIn(TestServer.ADMIN_USERNAME, TestServer.ADMIN_PASSWORD);
    }

    protected void signInAs(TestUser user) {
        signIn(user.username(), user.password());
    }

    protected Locator heading(String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    protected Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    protected Locator link(String name) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** The page's polite status line (progress and success). */
    protected Locator status() {
        return page.locator("#staff-status");
    }

    /** The page's alert line (what went wrong). */
    protected Locator alert() {
        return page.locator("#staff-error");
    }

    /** The rows of the staff table (not its header). */
    protected Locator rows() {
        return page.locator("#staff-rows tr:not(.empty)");
    }

    protected Locator rowOf(String username) {
        return rows().filter(new Locator.FilterOptions().setHasText(username));
    }

    /**
     * Types into the search box key by key, as a person would, and waits until the table shows the answer for the
     * whole text (the table follows the typing a moment later).
     */
    protected void search(String label, String text) {
        Locator box = page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
        page.waitForResponse(response -> response.url().contains("/api/v1/livechat/users/")
                && text.equals(queryParameter(response.url(), "text")), () -> {
            box.fill("");
            box.pressSequentially(text);
        });
        assertThat(page.locator("#table-wrap")).hasAttribute("aria-busy", "false");
    }

    private static String queryParameter(String url, String name) {
        String query = URI.create(url).getRawQuery();
        if (query == null) return null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    protected void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }

    /** The session the console keeps in sessionStorage: {userId, authToken, username}, or null. */
    protected JsonNode storedSession() {
        Object value = page.evaluate("() => sessionStorage.getItem('roster.session')");
        return value == null ? null : Api.json((String) value);
    }

    /** The staff list as the API shows it to the admin, for checking what the console did. */
    protected static JsonNode listed(String type, String text) {
        return admin.get("livechat/users/" + type, Map.of("text", text, "count", "100")).json();
    }
}
