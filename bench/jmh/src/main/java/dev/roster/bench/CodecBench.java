package dev.roster.bench;

import static dev.roster.api.Schema.Type.STRING;
import static dev.roster.api.Schema.required;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.api.Json;
import dev.roster.api.Schema;
import dev.roster.store.Ids;
import dev.roster.users.CaseFolding;
import dev.roster.users.User;
import dev.roster.users.UserViews;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    private final Map<String, Object> listReply = listReply(25);

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

    /** A page of 25 agents as GET livechat/users/agent answers it. */
    @Benchmark
    public byte[] writeListReply() {
        return Json.write(listReply);
    }

    /** The body of POST livechat/users/agent, parsed and checked as the handler does. */
    @Benchmark
    public ObjectNode parseAndCheckRegisterBody() {
        return register.check(Json.parse(registerBody));
    }

    /** The shape of StaffHandlers.list's reply (its item builder is private, so it is rebuilt here). */
    static Map<String, Object> listReply(int count) {
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            User u = new User("aB3dE5fG7hJ9kL2m" + (char) ('a' + i), "maria.garcia" + i, "María García " + i,
                    "maria.garcia" + i + "@example.com", true, false, true, "online", null, "available",
                    1_700_000_000_000L, 1_700_000_000_000L);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("_id", u.id());
            m.put("username", u.username());
            m.put("name", u.name());
            m.put("status", u.status());
            m.put("statusLivechat", u.statusLivechat());
            m.put("emails", UserViews.emails(u));
            m.put("livechat", null);
            m.put("departments", List.of());
            users.add(m);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("users", users);
        reply.put("count", count);
        reply.put("offset", 0);
        reply.put("total", 10_000);
        reply.put("success", true);
        return reply;
    }
}
