package dev.roster.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Route;
import dev.roster.testing.Api;
import dev.roster.testing.TestServer;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Signing in and out of the console, and what happens when the session ends under it. */
class ConsoleSignInTest extends BrowserTest {

    @Test
    void signing_in_as_the_admin_opens_the_agents_page_and_keeps_the_token_in_session_storage() {
        openSignIn();
        screenshot("sign-in");
        page.getByLabel("Username or email").fill(TestServer.ADMIN_USERNAME);
        page.getByLabel("Password").fill(TestServer.ADMIN_PASSWORD);
        page.getByLabel("Password").press("Enter");

        assertThat(heading("Agents")).isVisible();
        assertThat(page.getByText("Signed in as admin")).isVisible();
        JsonNode stored = storedSession();
        Assertions.assertThat(stored.get("authToken").asText()).hasSize(43);
        Assertions.assertThat(page.evaluate("() => localStorage.length")).isEqualTo(0);
        // The stored token is a working one.
        Api asStored = anonymous.as(stored.get("userId").asText(), stored.get("authToken").asText());
        Assertions.assertThat(asStored.get("me").json().get("username").asText()).isEqualTo("admin");
    }

    @Test
    void signing_in_with_an_email_address_works_too() {
        TestUser u = createUser("user", "livechat-manager");
        signIn(u.email(), u.password());
        assertThat(page.getByText("Signed in as " + u.username())).isVisible();
    }

    @Test
    void a_wrong_password_is_told_in_plain_words() {
        openSignIn();
        page.getByLabel("Username or email").fill(TestServer.ADMIN_USERNAME);
        page.getByLabel("Password").fill("not-the-password");
        button("Sign in").click();
        assertThat(page.locator("#sign-in-error")).hasText("Wrong username or password.");
        assertThat(heading("Sign in to Roster")).isVisible();
        Assertions.assertThat(storedSession()).isNull();
    }

    @Test
    void an_unknown_user_gets_the_same_words_as_a_wrong_password() {
        openSignIn();
        page.getByLabel("Username or email").fill("nobody-" + uniqueName("x"));
        page.getByLabel("Password").fill("whatever");
        button("Sign in").click();
        assertThat(page.locator("#sign-in-error")).hasText("Wrong username or password.");
    }

    @Test
    void an_empty_form_asks_for_the_username_before_calling_roster() {
        openSignIn();
        button("Sign in").click();
        assertThat(page.locator("#sign-in-error")).hasText("Type your username or email.");
        assertThat(page.getByLabel("Username or email")).isFocused();
    }

    /** Roster's failed-login blocking (contract §7) answers 401 with this body; TEST_MODE turns it off, so the browser serves it. */
    @Test
    void a_blocked_sign_in_says_to_try_again_in_a_few_minutes() {
        page.route("**/api/v1/login", route -> route.fulfill(new Route.FulfillOptions().setStatus(401)
                .setContentType("application/json")
                .setBody("{\"success\":false,\"status\":\"error\",\"error\":\"error-login-blocked-for-user\","
                        + "\"message\":\"Login has been temporarily blocked\"}")));
        openSignIn();
        page.getByLabel("Username or email").fill(TestServer.ADMIN_USERNAME);
        page.getByLabel("Password").fill(TestServer.ADMIN_PASSWORD);
        button("Sign in").click();
        assertThat(page.locator("#sign-in-error")).hasText("Too many failed sign-ins; try again in a few minutes.");
    }

    @Test
    void signing_out_revokes_the_token_and_returns_to_sign_in() {
        signInAsAdmin();
        JsonNode stored = storedSession();
        button("Sign out").click();

        assertThat(heading("Sign in to Roster")).isVisible();
        assertThat(page.locator("#sign-in-status")).hasText("You are signed out.");
        Assertions.assertThat(storedSession()).isNull();
        Api old = anonymous.as(stored.get("userId").asText(), stored.get("authToken").asText());
        Assertions.assertThat(old.get("me").status()).isEqualTo(401);
    }

    @Test
    void a_reload_keeps_the_session_of_the_tab() {
        signInAsAdmin();
        link("Managers").click();
        assertThat(heading("Managers")).isVisible();
        page.reload();
        assertThat(heading("Managers")).isVisible();
        assertThat(button("Sign out")).isVisible();
    }

    @Test
    void a_session_that_ends_mid_way_returns_to_sign_in_with_a_notice() {
        signInAsAdmin();
        JsonNode stored = storedSession();
        // Elsewhere, the token is revoked (as a logout from another client, or a password change, would do).
        Api same = anonymous.as(stored.get("userId").asText(), stored.get("authToken").asText());
        Assertions.assertThat(same.post("logout", Map.of()).status()).isEqualTo(200);

        search("Search agents", "anyone");

        assertThat(heading("Sign in to Roster")).isVisible();
        assertThat(page.locator("#sign-in-error")).hasText("Your session has expired, please sign in again.");
        Assertions.assertThat(storedSession()).isNull();
        // Signing in again goes on where the person was.
        page.getByLabel("Username or email").fill(TestServer.ADMIN_USERNAME);
        page.getByLabel("Password").fill(TestServer.ADMIN_PASSWORD);
        button("Sign in").click();
        assertThat(heading("Agents")).isVisible();
    }

    @Test
    void a_stale_token_at_start_up_asks_to_sign_in_again() {
        signInAsAdmin();
        JsonNode stored = storedSession();
        anonymous.as(stored.get("userId").asText(), stored.get("authToken").asText()).post("logout", Map.of());
        page.reload();
        assertThat(page.locator("#sign-in-error")).hasText("Your session has expired, please sign in again.");
    }

    @Test
    void when_roster_cannot_be_reached_the_sign_in_says_so() {
        page.route("**/api/v1/login", Route::abort);
        openSignIn();
        page.getByLabel("Username or email").fill(TestServer.ADMIN_USERNAME);
        page.getByLabel("Password").fill(TestServer.ADMIN_PASSWORD);
        button("Sign in").click();
        assertThat(page.locator("#sign-in-error"))
                .hasText("Roster could not be reached. Check your connection and try again.");
    }
}
