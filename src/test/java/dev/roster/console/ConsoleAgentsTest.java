package dev.roster.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The Agents page, driven as a person would, keyboard first; what it did is checked through the API. */
class ConsoleAgentsTest extends BrowserTest {

    private Locator addBox() {
        return page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Add an agent"));
    }

    private Locator availabilityOf(String username) {
        return page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("Available (" + username + ")"));
    }

    private static String statusLivechatOf(String username) {
        return listed("agent", username).at("/users/0/statusLivechat").asText();
    }

    @Test
    void an_admin_adds_an_agent_through_the_autocomplete_finds_it_toggles_it_removes_it_and_signs_out() {
        TestUser u = createNamedUser(uniqueName("journey"), "Juniper Journey");
        signInAsAdmin();

        // Type part of the username and choose the suggestion with the keyboard alone.
        Locator box = addBox();
        box.focus();
        box.pressSequentially(u.username().substring(0, u.username().length() - 2));
        Locator option = page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(Pattern.compile(u.username())));
        assertThat(option).isVisible();
        assertThat(box).hasAttribute("aria-expanded", "true");
        box.press("ArrowDown");
        assertThat(option).hasAttribute("aria-selected", "true");
        assertThat(box).hasAttribute("aria-activedescendant", option.getAttribute("id"));
        box.press("Enter");
        assertThat(box).hasValue(u.username());
        assertThat(box).hasAttribute("aria-expanded", "false");
        box.press("Enter"); // now it submits
        assertThat(status()).hasText(u.username() + " is now an agent.");
        Assertions.assertThat(listed("agent", u.username()).get("total").asInt()).isEqualTo(1);
        assertThat(box).hasValue("");

        // Find it by search as you type.
        search("Search agents", u.username());
        assertThat(rows()).hasCount(1);
        assertThat(rowOf(u.username())).containsText("Juniper Journey");
        assertThat(rowOf(u.username())).containsText(u.email());
        assertThat(rowOf(u.username())).containsText("offline");

        // Toggle its availability with the keyboard: on, then off.
        Locator availability = availabilityOf(u.username());
        assertThat(availability).not().isChecked();
        availability.focus();
        availability.press("Space");
        assertThat(status()).hasText(u.username() + " is now available.");
        assertThat(availability).isChecked();
        Assertions.assertThat(statusLivechatOf(u.username())).isEqualTo("available");
        availability.press("Space");
        assertThat(status()).hasText(u.username() + " is now not available.");
        assertThat(availability).not().isChecked();
        Assertions.assertThat(statusLivechatOf(u.username())).isEqualTo("not-available");

        // Remove it: the dialog asks first; Tab from Cancel to the confirming button, Enter.
        Locator remove = button("Remove " + u.username());
        remove.focus();
        remove.press("Enter");
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Remove this agent?"));
        assertThat(dialog).isVisible();
        assertThat(dialog).containsText("Juniper Journey (" + u.username() + ") will no longer be an agent.");
        assertThat(button("Cancel")).isFocused();
        page.keyboard().press("Tab");
        assertThat(button("Remove agent")).isFocused();
        page.keyboard().press("Enter");
        assertThat(status()).hasText(u.username() + " is no longer an agent.");
        assertThat(rows()).hasCount(0);
        assertThat(page.locator("#staff-rows")).containsText("No agents match “" + u.username() + "”.");
        Assertions.assertThat(listed("agent", u.username()).get("total").asInt()).isZero();

        button("Sign out").click();
        assertThat(heading("Sign in to Roster")).isVisible();
    }

    @Test
    void adding_an_unknown_username_says_there_is_no_such_user() {
        signInAsAdmin();
        String nobody = "nobody-" + uniqueName("x");
        addBox().fill(nobody);
        button("Add").click();
        assertThat(alert()).hasText("There is no user named " + nobody + ".");
        assertThat(addBox()).hasValue(nobody); // kept, to be corrected
    }

    @Test
    void the_autocomplete_says_when_no_user_matches_and_escape_clears_it() {
        signInAsAdmin();
        addBox().pressSequentially("zz-no-such-" + uniqueName("x"));
        assertThat(page.locator("#add-hint")).containsText("No user matches");
        addBox().press("Escape");
        assertThat(addBox()).hasValue("");
    }

    @Test
    void the_autocomplete_marks_users_who_already_are_agents() {
        TestUser u = createAgent("online");
        signInAsAdmin();
        addBox().pressSequentially(u.username());
        assertThat(page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(Pattern.compile(u.username()))))
                .containsText("already an agent");
    }

    @Test
    void removing_can_be_cancelled_and_nothing_changes() {
        TestUser u = createAgent("online");
        signInAsAdmin();
        search("Search agents", u.username());
        button("Remove " + u.username()).click();
        button("Cancel").click();
        assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(0);
        assertThat(button("Remove " + u.username())).isFocused(); // focus comes back where it was
        page.keyboard().press("Enter");
        page.keyboard().press("Escape"); // Escape cancels too
        assertThat(rowOf(u.username())).hasCount(1);
        Assertions.assertThat(listed("agent", u.username()).get("total").asInt()).isEqualTo(1);
    }

    @Test
    void the_table_sorts_by_column_pages_with_the_total_and_filters_the_available() {
        String prefix = uniqueName("sortp");
        String[] usernames = {prefix + "c", prefix + "a", prefix + "e", prefix + "b", prefix + "d"};
        for (String username : usernames) {
            createNamedUser(username, null);
            admin.post("livechat/users/agent", Map.of("username", username));
        }
        admin.post("users.setStatus", Map.of("username", prefix + "b", "status", "online"));
        admin.post("livechat/agent.status", Map.of("agentId", admin.get("users.info", Map.of("username", prefix + "b"))
                .json().at("/user/_id").asText(), "status", "available"));
        signInAsAdmin();
        page.getByLabel("Rows per page").selectOption("10");
        search("Search agents", prefix);
        assertThat(rows()).hasCount(5);
        assertThat(page.locator("#table-summary")).hasText("1–5 of 5 agents");

        Locator byUsername = page.getByRole(AriaRole.COLUMNHEADER, new Page.GetByRoleOptions().setName("Username").setExact(true));
        byUsername.getByRole(AriaRole.BUTTON).click();
        assertThat(byUsername).hasAttribute("aria-sort", "ascending");
        assertThat(rows().first()).containsText(prefix + "a");
        byUsername.getByRole(AriaRole.BUTTON).press("Enter");
        assertThat(byUsername).hasAttribute("aria-sort", "descending");
        assertThat(rows().first()).containsText(prefix + "e");
        assertThat(page.getByRole(AriaRole.COLUMNHEADER, new Page.GetByRoleOptions().setName("Name").setExact(true)))
                .not().hasAttribute("aria-sort", Pattern.compile(".*"));

        page.getByLabel("Only available").check();
        assertThat(rows()).hasCount(1);
        assertThat(rows().first()).containsText(prefix + "b");
        assertThat(page.locator("#table-summary")).hasText("1–1 of 1 agent");
        page.getByLabel("Only available").uncheck();
        assertThat(rows()).hasCount(5);
    }

    @Test
    void pages_move_forward_and_back_and_show_the_total() {
        String prefix = uniqueName("pagep");
        for (int i = 0; i < 12; i++) {
            String username = prefix + (char) ('a' + i);
            createNamedUser(username, null);
            admin.post("livechat/users/agent", Map.of("username", username));
        }
        signInAsAdmin();
        page.getByLabel("Rows per page").selectOption("10");
        search("Search agents", prefix);
        assertThat(page.locator("#table-summary")).hasText("1–10 of 12 agents");
        assertThat(button("Previous")).hasAttribute("aria-disabled", "true");
        button("Next").click();
        assertThat(page.locator("#table-summary")).hasText("11–12 of 12 agents");
        assertThat(rows()).hasCount(2);
        assertThat(button("Next")).hasAttribute("aria-disabled", "true");
        button("Previous").click();
        assertThat(page.locator("#table-summary")).hasText("1–10 of 12 agents");
    }

    @Test
    void a_plain_user_sees_that_they_may_not_manage_agents() {
        TestUser plain = createUser("user");
        signInAs(plain);
        assertThat(page.getByText("You do not have permission to manage agents.")).isVisible();
        assertThat(page.locator("#staff-table")).not().isVisible();
        assertThat(addBox()).not().isVisible();
        screenshot("no-permission");
        link("Managers").click();
        assertThat(page.getByText("You do not have permission to manage managers.")).isVisible();
    }

    @Test
    void an_agent_may_see_the_agents_but_is_told_plainly_it_may_not_add_one() {
        TestUser agent = createUser("user", "livechat-agent");
        TestUser other = createUser();
        signInAs(agent);
        search("Search agents", agent.username());
        assertThat(rowOf(agent.username())).hasCount(1);
        addBox().fill(other.username());
        addBox().press("Enter");
        assertThat(alert()).hasText("You do not have permission to add agents.");
    }

    /** Roster's rate limit (contract §7) is off under TEST_MODE, so the browser serves its 429 body. */
    @Test
    void a_rate_limited_add_says_how_long_to_wait() {
        TestUser u = createUser();
        signInAsAdmin();
        page.route("**/api/v1/livechat/users/agent", route -> {
            if (!route.request().method().equals("POST")) {
                route.resume();
                return;
            }
            route.fulfill(new Route.FulfillOptions().setStatus(429).setContentType("application/json").setBody(
                    "{\"success\":false,\"error\":\"Error, too many requests. Please slow down. You must wait 42 seconds"
                            + " before trying this endpoint again. [error-too-many-requests]\","
                            + "\"errorType\":\"error-too-many-requests\"}"));
        });
        addBox().fill(u.username());
        button("Add").click();
        assertThat(alert()).hasText("Too many requests; wait 42 seconds and try again.");
        Assertions.assertThat(listed("agent", u.username()).get("total").asInt()).isZero();
    }

    @Test
    void a_server_failure_or_lost_connection_is_told_not_hidden() {
        TestUser u = createAgent("online");
        signInAsAdmin();
        search("Search agents", u.username());
        assertThat(rowOf(u.username())).hasCount(1);

        page.route("**/api/v1/livechat/agent.status", route -> route.fulfill(new Route.FulfillOptions().setStatus(500)
                .setContentType("application/json").setBody("{\"success\":false,\"error\":\"Internal server error\"}")));
        availabilityOf(u.username()).click();
        assertThat(alert()).hasText("Something went wrong in Roster; try again.");
        // The switch shows what is true: nothing changed.
        assertThat(availabilityOf(u.username())).isChecked();
        Assertions.assertThat(statusLivechatOf(u.username())).isEqualTo("available");

        page.unrouteAll();
        page.route("**/api/v1/livechat/users/agent/**", Route::abort);
        button("Remove " + u.username()).click();
        button("Remove agent").click();
        assertThat(alert()).hasText("Roster could not be reached. Check your connection and try again.");
        assertThat(button("Remove " + u.username())).isVisible();
    }

    @Test
    void actions_show_that_they_are_working() {
        TestUser u = createUser();
        signInAsAdmin();
        // Hold the register call until the loading state has been seen.
        List<Route> held = new ArrayList<>();
        page.route("**/api/v1/livechat/users/agent", route -> {
            if (route.request().method().equals("POST")) held.add(route);
            else route.resume();
        });
        addBox().fill(u.username());
        button("Add").click();
        Locator working = page.locator("#add-button");
        assertThat(working).hasText("Adding…");
        assertThat(working).hasAttribute("aria-busy", "true");
        assertThat(status()).hasText("Adding " + u.username() + "…");
        Assertions.assertThat(held).hasSize(1);
        held.get(0).resume();
        assertThat(status()).hasText(u.username() + " is now an agent.");
        assertThat(working).hasText("Add");
        JsonNode listedNow = listed("agent", u.username());
        Assertions.assertThat(listedNow.get("total").asInt()).isEqualTo(1);
    }
}
