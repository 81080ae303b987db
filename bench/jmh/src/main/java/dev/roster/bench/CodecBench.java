package dev.roster.bench;

import static dev.roster.api.Schema.Type.STRING;
import static dev.roster.api.Schema.required;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.roster.api.Json;
import dev.roster.api.Reply;
import dev.roster.api.Schema;
import dev.roster.store.Ids;
import dev.roster.users.CaseFolding;
import dev.roster.users.User;
import dev.roster.omnichannel.StaffViews;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The per-request work that touches no database: token hashing, case folding, JSON out and in. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CodecBench {
    private final String token = Ids.newToken();
    private final String asciiName = "Christopher Rodriguez";
    private final String accentedName = "Małgorzata Wiśniewski-Sørensen";
    private final byte[] registerBody = "{\"username\":\"maria.garcia42\"}".getBytes(StandardCharsets.UTF_8);
    private final Schema register = Schema.object(required("username", STRING));
    private final Map<String, Object> listReply = listReply(25, true);
    private final Map<String, Object> listReplyFromMaps = listReply(25, false);

    /** Every authenticated request hashes its X-Auth-Token. */
    @Benchmark
    public String hashToken() {
        return Ids.hashToken(token);
    }

    @Benchmark
    public String foldAscii() {
        return CaseFolding.fold(asciiName);
    }

    @Benchmark
    public String foldAccented() {
        return CaseFolding.fold(accentedName);
    }

    /** A page of 25 agents whose list items are already rendered, as GET livechat/users/agent answers it now. */
    @Benchmark
    public byte[] writeListReply() {
        return Json.write(listReply);
    }

    /** The baseline: the same page with every item rendered from its map, as before items were kept rendered. */
    @Benchmark
    public byte[] writeListReplyFromMaps() {
        return Json.write(listReplyFromMaps);
    }

    /** The body of POST livechat/users/agent, parsed and checked as the handler does. */
    @Benchmark
    public ObjectNode parseAndCheckRegisterBody() {
        return register.check(Json.parse(registerBody));
    }

    /** A page of list items built by Roster's own StaffViews, as maps or already rendered to JSON. */
    static Map<String, Object> listReply(int count, boolean rendered) {
        List<Object> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            User u = new User("aB3dE5fG7hJ9kL2m" + (char) ('a' + i), "maria.garcia" + i, "María García " + i,
                    "maria.garcia" + i + "@example.com", true, false, true, "online", null, "available",
                    1_700_000_000_000L, 1_700_000_000_000L);
            Map<String, Object> item = StaffViews.listItem(u);
            users.add(rendered ? new RawValue(new String(Json.write(item), StandardCharsets.UTF_8)) : item);
        }
        Map<String, Object> reply = Reply.page(users, 0, 10_000);
        reply.put("success", true);
        return reply;
    }
}
