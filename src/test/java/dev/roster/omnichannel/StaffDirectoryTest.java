package dev.roster.omnichannel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.api.Page;
import dev.roster.store.Changes;
import dev.roster.store.Database;
import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import dev.roster.testing.TestDatabase;
import dev.roster.users.User;
import dev.roster.users.UserStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The staff lists are served from memory (StaffDirectory); they must answer exactly what the database would. Random
 * lists over tricky names (case, accents, ß, emoji, ties) are compared with UserStore.search, the SQL that served
 * them before, while users are renamed, change presence and availability, and come and go.
 */
class StaffDirectoryTest extends ServerTest {
    private static final List<String> NAMES = List.of("Anna", "anna", "ANNA", "Änne", "änne", "Zoë", "Zoe", "Straße", "STRASSE",
            "Ωmega", "ωmega", "Émile", "emile", "😀 Smile", "Bob", "Bob", "Bo", "b", "Mary Ann", "Maryanne", "O'Brien",
            "100% Sure", "under_score", "dot.ted", "Ünal", "ünal", "Ïda", "Łukasz", "lukasz", "Ñandú");
    private static final List<List<Page.SortKey>> SORTS = List.of(
            List.of(new Page.SortKey("name", true)), List.of(new Page.SortKey("name", false)),
            List.of(new Page.SortKey("username", true)), List.of(new Page.SortKey("username", false)),
            List.of(new Page.SortKey("status", true), new Page.SortKey("name", false)),
            List.of(new Page.SortKey("statusLivechat", false)), List.of(new Page.SortKey("statusLivechat", true)),
            List.of(new Page.SortKey("emails.address", true)), List.of(new Page.SortKey("_id", false)),
            List.of(new Page.SortKey("name", true), new Page.SortKey("_id", false)));

    private final Random random = new Random(17);
    private final List<TestUser> people = new ArrayList<>();

    @Test
    void random_lists_answer_exactly_what_the_database_answers_while_staff_change() {
        for (int i = 0; i < 70; i++) {
            String name = NAMES.get(i % NAMES.size()) + (i >= NAMES.size() ? " " + (char) ('a' + i % 26) : "");
            TestUser u = createNamedUser(uniqueName(i % 3 == 0 ? "Agent" : "staff"), name);
            people.add(u);
            if (i % 7 != 0) register("agent", u);
            if (i % 4 == 0) register("manager", u);
            presence(u);
        }
        Jdbi jdbi = Jdbi.create(() -> server.jdbc());
        UserStore sql = new UserStore(TestDatabase.isPostgres() ? Database.Dialect.POSTGRES : Database.Dialect.SQLITE, Changes.local());
        for (int round = 0; round < 8; round++) {
            for (int q = 0; q < 60; q++) compare(jdbi, sql);
            change();
        }
    }

    private void compare(Jdbi jdbi, UserStore sql) {
        StaffType type = random.nextInt(3) == 0 ? StaffType.MANAGER : StaffType.AGENT;
        String text = switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> fragment(people.get(random.nextInt(people.size())).name());
            case 2 -> fragment(people.get(random.nextInt(people.size())).username()).toUpperCase();
            case 3 -> fragment(people.get(random.nextInt(people.size())).email());
            default -> List.of("a", "an", "ann", "ß", "ss", "Ω", "ω", "😀", "%", "_", ".", "zzz", "e", "mile").get(random.nextInt(14));
        };
        List<Page.SortKey> sort = SORTS.get(random.nextInt(SORTS.size()));
        boolean agentFilters = type == StaffType.AGENT && random.nextBoolean();
        boolean onlyAvailable = agentFilters && random.nextBoolean();
        boolean hideOffline = agentFilters && random.nextBoolean();
        String excludeId = agentFilters && random.nextBoolean() ? people.get(random.nextInt(people.size())).id() : null;
        int offset = random.nextInt(4) == 0 ? random.nextInt(60) : 0;
        int count = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(30);

        Map<String, String> query = new LinkedHashMap<>();
        if (text != null) query.put("text", text);
        query.put("sort", sortJson(sort));
        query.put("offset", String.valueOf(offset));
        query.put("count", String.valueOf(count));
        if (type == StaffType.AGENT) {
            query.put("onlyAvailable", String.valueOf(onlyAvailable));
            query.put("showIdleAgents", String.valueOf(!hideOffline));
            if (excludeId != null) query.put("excludeId", excludeId);
        }
        Api.Res res = admin.get("livechat/users/" + (type == StaffType.AGENT ? "agent" : "manager"), query);
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        res.json().get("users").forEach(u -> listed.add(u.get("_id").asText()));

        UserStore.Filter filter = new UserStore.Filter(type.role, text, onlyAvailable, excludeId, hideOffline);
        UserStore.Found expected = jdbi.withHandle(h -> sql.search(h, filter, new Page(offset, count, sort)));
        assertThat(listed).as("%s %s", type, query).isEqualTo(expected.users().stream().map(User::id).toList());
        assertThat(res.json().get("total").asLong()).as("total of %s %s", type, query).isEqualTo(expected.total());
    }

    /** Renames, presence and availability changes, removals and registrations, as staff change in a day. */
    private void change() {
        for (int i = 0; i < 10; i++) {
            TestUser u = people.get(random.nextInt(people.size()));
            switch (random.nextInt(5)) {
                case 0 -> assertThat(admin.post("users.update", Map.of("userId", u.id(),
                        "data", Map.of("name", NAMES.get(random.nextInt(NAMES.size())) + " " + random.nextInt(9)))).status()).isEqualTo(200);
                case 1 -> presence(u);
                case 2 -> admin.post("livechat/agent.status", Map.of("agentId", u.id()));
                case 3 -> assertThat(admin.delete("livechat/users/" + (random.nextBoolean() ? "agent" : "manager") + "/" + u.id()).status()).isEqualTo(200);
                default -> register(random.nextBoolean() ? "agent" : "manager", u);
            }
        }
    }

    private void register(String type, TestUser u) {
        assertThat(admin.post("livechat/users/" + type, Map.of("username", u.username())).status()).isEqualTo(200);
    }

    private void presence(TestUser u) {
        String status = List.of("online", "away", "busy", "offline").get(random.nextInt(4));
        assertThat(admin.post("users.setStatus", Map.of("userId", u.id(), "status", status)).status()).isEqualTo(200);
    }

    private String fragment(String s) {
        int start = random.nextInt(Math.max(1, s.length() - 1));
        int end = Math.min(s.length(), start + 1 + random.nextInt(5));
        String f = s.substring(start, end);
        // Never half a surrogate pair: that is not text, and the API refuses it.
        if (Character.isLowSurrogate(f.charAt(0)) || Character.isHighSurrogate(f.charAt(f.length() - 1))) return "a";
        return f;
    }

    private static String sortJson(List<Page.SortKey> sort) {
        StringBuilder json = new StringBuilder("{");
        for (Page.SortKey k : sort) {
            if (json.length() > 1) json.append(',');
            json.append('"').append(k.field()).append("\":").append(k.ascending() ? 1 : -1);
        }
        return json.append('}').toString();
    }
}
