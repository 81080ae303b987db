package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How Roster serves the console at / (no browser needed), and that the API under /api keeps its own answers. */
@Tag("sqlite-only")
class ConsoleServingTest extends ServerTest {
    private static final String NOT_FOUND = """
            {"success":false,"error":"Resource not found"}""";
    private static final List<String> FILES =
            List.of("/", "/index.html", "/console.css", "/console.js", "/api.js", "/staff.js", "/combobox.js", "/ui.js", "/favicon.svg");

    @Test
    void the_console_is_served_at_the_root_as_html() {
        Api.Res res = anonymous.get("/");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(res.text()).contains("<title>Roster console</title>");
    }

    @Test
    void every_console_file_carries_the_safe_headers() {
        for (String file : FILES) {
            Api.Res res = anonymous.get(file);
            assertThat(res.status()).as(file).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Security-Policy")).as(file)
                    .hasValue("default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
            assertThat(res.headers().firstValue("X-Content-Type-Options")).as(file).hasValue("nosniff");
            assertThat(res.headers().firstValue("Referrer-Policy")).as(file).hasValue("no-referrer");
        }
    }

    @Test
    void scripts_and_styles_have_their_own_types() {
        assertThat(anonymous.get("/console.js").headers().firstValue("Content-Type").orElse("")).contains("javascript");
        assertThat(anonymous.get("/staff.js").headers().firstValue("Content-Type").orElse("")).contains("javascript");
        assertThat(anonymous.get("/console.css").headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        assertThat(anonymous.get("/favicon.svg").headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
    }

    /** The policy forbids inline code, so the page must have none: every script has a src, no style attribute or tag. */
    @Test
    void the_page_has_no_inline_script_or_style() {
        String html = anonymous.get("/").text();
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("<style").doesNotContain(" style=")
                .doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void unknown_api_paths_still_get_the_json_404() {
        assertExactly(anonymous.get("roster.no-such-route"), 404, NOT_FOUND);
        assertExactly(anonymous.get("/api/v1/index.html"), 404, NOT_FOUND);
        assertExactly(anonymous.get("/api/console.js"), 404, NOT_FOUND);
        assertExactly(anonymous.get("/api/"), 404, NOT_FOUND);
        assertExactly(admin.get("login"), 404, NOT_FOUND);
        assertExactly(admin.post("livechat/no-such-thing", Map.of("username", "x")), 404, NOT_FOUND);
    }

    @Test
    void api_answers_do_not_change() {
        Api.Res info = anonymous.get("/api/info");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(info.headers().firstValue("Content-Security-Policy")).isEmpty();
        assertExactly(anonymous.get("me"), 401, UNAUTHENTICATED);
    }

    @Test
    void a_path_that_is_neither_a_file_nor_the_api_is_404() {
        assertThat(anonymous.get("/no-such-file.js").status()).isEqualTo(404);
        assertThat(anonymous.get("/../pom.xml").status()).isIn(400, 404);
    }

    @Test
    void only_gets_serve_files() {
        assertThat(anonymous.post("/", Map.of()).status()).isEqualTo(404);
        assertThat(anonymous.post("/index.html", Map.of()).status()).isEqualTo(404);
    }
}
