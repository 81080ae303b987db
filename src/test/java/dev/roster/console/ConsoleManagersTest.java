package dev.roster.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The Managers page: the same table and add box, without the agent-only columns and filter. */
class ConsoleManagersTest extends BrowserTest {

    private Locator addBox() {
        return page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Add a manager"));
    }

    @Test
    void a_manager_is_added_through_the_autocomplete_listed_and_removed() {
        TestUser u = createNamedUser(uniqueName("boss"), "Morgan Manager");
        signInAsAdmin();
        link("Managers").click();
        assertThat(heading("Managers")).isVisible();
        assertThat(link("Managers")).hasAttribute("aria-current", "page");
        Assertions.assertThat(page.title()).isEqualTo("Managers · Roster");

        addBox().pressSequentially(u.username());
        Locator option = page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(Pattern.compile(u.username())));
        assertThat(option).containsText("Morgan Manager");
        addBox().press("ArrowDown");
        addBox().press("Enter");
        button("Add").click();
        assertThat(status()).hasText(u.username() + " is now a manager.");
        Assertions.assertThat(listed("manager", u.username()).get("total").asInt()).isEqualTo(1);
        Assertions.assertThat(listed("agent", u.username()).get("total").asInt()).isZero();

        search("Search managers", "morgan man");
        assertThat(rows()).hasCount(1);
        assertThat(rowOf(u.username())).containsText("Morgan Manager");
        assertThat(rowOf(u.username())).containsText(u.email());
        // No availability or presence on this page, nor the agents' filter.
        assertThat(page.getByRole(AriaRole.SWITCH)).hasCount(0);
        assertThat(page.getByRole(AriaRole.COLUMNHEADER)).hasCount(4);
        assertThat(page.getByLabel("Only available")).not().isVisible();
        screenshot("managers");

        button("Remove " + u.username()).click();
        assertThat(page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Remove this manager?"))).isVisible();
        button("Remove manager").click();
        assertThat(status()).hasText(u.username() + " is no longer a manager.");
        assertThat(rows()).hasCount(0);
        Assertions.assertThat(listed("manager", u.username()).get("total").asInt()).isZero();
    }

    @Test
    void the_managers_list_shows_every_manager_with_the_total() {
        String prefix = uniqueName("mgrs");
        for (String suffix : new String[] {"x", "y", "z"}) {
            createNamedUser(prefix + suffix, null);
            admin.post("livechat/users/manager", Map.of("username", prefix + suffix));
        }
        signInAsAdmin();
        link("Managers").click();
        search("Search managers", prefix);
        assertThat(rows()).hasCount(3);
        assertThat(page.locator("#table-summary")).hasText("1–3 of 3 managers");
    }

    @Test
    void adding_an_unknown_username_as_manager_says_there_is_no_such_user() {
        signInAsAdmin();
        link("Managers").click();
        addBox().fill("ghost-" + uniqueName("x"));
        addBox().press("Enter");
        assertThat(alert()).hasText(Pattern.compile("^There is no user named ghost-.*\\.$"));
    }

    @Test
    void switching_pages_starts_each_one_afresh() {
        signInAsAdmin();
        search("Search agents", "something");
        link("Managers").click();
        assertThat(page.getByLabel("Search managers")).hasValue("");
        page.goBack();
        assertThat(heading("Agents")).isVisible();
        assertThat(page.getByLabel("Search agents")).hasValue("");
    }
}
