package dev.roster.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The Agents page with a few agents in it, at desktop size (the README's picture is taken from this one) and at
 * 360 px, where it must still work without sideways scrolling.
 */
class ConsoleScreenshotsTest extends BrowserTest {
    private static boolean seeded;

    private static void seedAgents() {
        if (seeded) return;
        seeded = true;
        Object[][] agents = {
                {"alice.wong", "Alice Wong", "online", "available"},
                {"bruno.costa", "Bruno Costa", "away", "not-available"},
                {"chen.li", "Chen Li", "online", "available"},
                {"dana.okafor", "Dana Okafor", "offline", "not-available"},
                {"emil.novak", "Emil Novák", "busy", "available"},
                {"farah.haddad", "Farah Haddad", "online", "not-available"},
        };
        for (Object[] a : agents) {
            String username = (String) a[0];
            TestUser u = createNamedUser(username, (String) a[1]);
            admin.post("users.setStatus", Map.of("userId", u.id(), "status", a[2]));
            admin.post("livechat/users/agent", Map.of("username", username));
            admin.post("livechat/agent.status", Map.of("agentId", u.id(), "status", a[3]));
        }
        createNamedUser("grace.hopper", "Grace Hopper");
    }

    @Test
    void the_agents_page_shows_name_username_email_availability_and_presence() {
        seedAgents();
        signInAsAdmin();
        assertThat(page.locator("#table-summary")).hasText("1–6 of 6 agents");
        Locator alice = rowOf("alice.wong");
        assertThat(alice).containsText("Alice Wong");
        assertThat(alice).containsText("alice.wong@example.com");
        assertThat(alice).containsText("online");
        assertThat(page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("Available (alice.wong)"))).isChecked();
        assertThat(page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("Available (bruno.costa)")))
                .not().isChecked();
        assertThat(page.getByRole(AriaRole.COLUMNHEADER, new Page.GetByRoleOptions().setName("Name").setExact(true)))
                .hasAttribute("aria-sort", "ascending");
        // Open the suggestions, as in the README's picture.
        page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Add an agent")).pressSequentially("gra");
        Locator suggestions = page.getByRole(AriaRole.LISTBOX, new Page.GetByRoleOptions().setName("Matching users"));
        assertThat(suggestions.getByRole(AriaRole.OPTION)).hasCount(1);
        page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Add an agent")).press("ArrowDown");
        screenshot("agents");
    }

    @Test
    void at_360_px_the_agents_page_fits_and_works_from_the_keyboard() {
        seedAgents();
        openPage(360, 780);
        signInAsAdmin();
        assertThat(rows()).hasCount(6);
        Assertions.assertThat(page.evaluate("() => document.documentElement.scrollWidth")).isEqualTo(360);
        screenshot("agents-360");

        Locator availability = page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("Available (dana.okafor)"));
        availability.focus();
        availability.press("Space");
        assertThat(status()).hasText("dana.okafor is now available.");
        Assertions.assertThat(listed("agent", "dana.okafor").at("/users/0/statusLivechat").asText()).isEqualTo("available");
        availability.press("Space");
        assertThat(status()).hasText("dana.okafor is now not available.");

        Locator byEmail = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Email").setExact(true));
        assertThat(byEmail).isVisible();
        byEmail.press("Enter");
        assertThat(page.getByRole(AriaRole.COLUMNHEADER, new Page.GetByRoleOptions().setName("Email").setExact(true)))
                .hasAttribute("aria-sort", "ascending");
        Assertions.assertThat(page.evaluate("() => document.documentElement.scrollWidth")).isEqualTo(360);
    }

    @Test
    void at_360_px_sign_in_and_the_dialog_fit() {
        seedAgents();
        openPage(360, 780);
        openSignIn();
        Assertions.assertThat(page.evaluate("() => document.documentElement.scrollWidth")).isEqualTo(360);
        signInAsAdmin();
        button("Remove farah.haddad").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        assertThat(dialog).isVisible();
        Assertions.assertThat(dialog.boundingBox().width).isLessThanOrEqualTo(360);
        button("Cancel").click();
    }
}
