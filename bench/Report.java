import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns one bench/run pass (one database, one N) into bench/results/DB-N.md and prints its table.
 *
 * <pre>java bench/Report.java --meta meta.env --runs runs.txt --rss rss.log --plans plans.md --out FILE.md
 *                         [--baseline runs.txt|results.md]</pre>
 *
 * runs.txt has one line per wrk run: "scenario=… conns=… round=…" followed by the key=value pairs of the
 * BENCH line that bench/wrk/common.lua prints. --baseline is the 10k-user pass the scaling targets compare with.
 */
public final class Report {
    static final String[] SCENARIOS = {"ceiling", "auth", "list", "text", "register", "login"};
    static final int[] CONNS = {16, 64};
    static final String RAW_HEADING = "## Raw figures";

    record Run(String scenario, int conns, int round, Map<String, Long> v) {
        double seconds() { return v.getOrDefault("duration_us", 0L) / 1e6; }
        double rps() { return seconds() > 0 ? v.getOrDefault("requests", 0L) / seconds() : 0; }
        double pairsPerSecond() { return seconds() > 0 ? v.getOrDefault("pairs", 0L) / seconds() : 0; }
        double p50() { return v.getOrDefault("p50_us", 0L) / 1000.0; }
        double p99() { return v.getOrDefault("p99_us", 0L) / 1000.0; }
        /** Server CPU time per request (per POST+DELETE pair for register), in microseconds; NaN when unknown. */
        double cpuMicrosPerUnit() {
            long units = scenario.equals("register") ? v.getOrDefault("pairs", 0L) : v.getOrDefault("requests", 0L);
            return v.containsKey("server_ticks") && units > 0 ? v.get("server_ticks") * 10_000.0 / units : Double.NaN;
        }
        double serverCpuShare() { return v.containsKey("server_ticks") && seconds() > 0 ? v.get("server_ticks") / (seconds() * 100) : Double.NaN; }
        double cpu0Busy() { return v.getOrDefault("cpu0_ticks", 0L) > 0 ? (double) v.get("cpu0_busy_ticks") / v.get("cpu0_ticks") : Double.NaN; }
        long errors() {
            return v.getOrDefault("status_errors", 0L) + v.getOrDefault("socket_errors", 0L) + v.getOrDefault("failed", 0L)
                    + v.getOrDefault("missing", 0L);
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        Map<String, String> meta = readMeta(Path.of(opt.get("meta")));
        List<String> rawLines = Files.readAllLines(Path.of(opt.get("runs")));
        List<Run> runs = parse(rawLines);
        List<String> baselineLines = opt.containsKey("baseline") ? baselineLines(Path.of(opt.get("baseline"))) : List.of();
        List<Run> baseline = parse(baselineLines);
        Map<String, Long> rssByScenario = rss(Path.of(opt.get("rss")));
        String plans = opt.containsKey("plans") && Files.exists(Path.of(opt.get("plans"))) ? Files.readString(Path.of(opt.get("plans"))) : "";

        String db = meta.get("db");
        long n = Long.parseLong(meta.get("users"));
        StringBuilder table = table(runs, rssByScenario);
        StringBuilder targets = targets(runs, baseline, meta, rssByScenario, db, n, opt.get("baseline_note"));

        StringBuilder md = new StringBuilder();
        md.append("# Roster benchmark: ").append(db.equals("sqlite") ? "SQLite" : "PostgreSQL").append(", ")
                .append(String.format(Locale.ROOT, "%,d", n)).append(" users\n\n");
        md.append("Written by `").append(meta.get("command")).append("` on ").append(meta.get("date")).append(".\n\n");
        md.append("> **Read the ratios, not the absolute numbers.** This is a shared 2-core virtual machine: the other\n")
                .append("> engineers' builds run on the same cores while this runs, so requests/s and latencies are noise from one\n")
                .append("> run to the next. The targets are ratios between scenarios measured in the same run: a `ceiling` run sits\n")
                .append("> between every two scenarios, and each ratio uses the ceiling runs on either side of it. The server's CPU\n")
                .append("> time per request (`CPU µs/req`) is disturbed far less by the sharing, so each ratio is also given by it.\n\n");
        md.append("## Machine\n\n| | |\n|---|---|\n");
        for (String k : List.of("cpu", "cores", "memory", "kernel", "os", "jdk", "wrk", "database_version", "commit", "load")) {
            if (meta.containsKey(k)) md.append("| ").append(label(k)).append(" | ").append(meta.get(k)).append(" |\n");
        }
        md.append("\n## Settings\n\n| | |\n|---|---|\n");
        for (String k : List.of("database", "users_detail", "seed_seconds", "duration", "warmup", "pinning", "server_jvm", "wrk_options", "profiling")) {
            if (meta.containsKey(k)) md.append("| ").append(label(k)).append(" | ").append(meta.get(k)).append(" |\n");
        }
        md.append("\n## Results\n\n").append(table);
        md.append("\n## Targets\n\n").append(targets);
        md.append("\n## Start-up\n\n");
        md.append("Time from spawning `java -jar target/roster.jar` until `GET /api/info` first answers 200 (polled every ~10 ms\n")
                .append("with curl), on this run's seeded database; the first start, which creates the admin, is not counted.\n\n");
        md.append("| how | runs (ms) | median (ms) | the server's own \"started in\" (median ms) | CPU time used by then (median ms) |\n|---|---|---:|---:|---:|\n");
        md.append("| both cores (as `bin/roster` runs it) | ").append(meta.getOrDefault("startup_free", "")).append(" | ")
                .append(median(meta.get("startup_free"))).append(" | ").append(median(meta.get("startup_free_internal"))).append(" | ")
                .append(median(meta.get("startup_free_cpu"))).append(" |\n");
        md.append("| pinned to CPU 0 (as benchmarked) | ").append(meta.getOrDefault("startup_pinned", "")).append(" | ")
                .append(median(meta.get("startup_pinned"))).append(" | ").append(median(meta.get("startup_pinned_internal"))).append(" | |\n");
        md.append("\n\"started in\" is what Roster logs: from `Application.start` (after the JVM has started and loaded `main`)\n")
                .append("to listening. The CPU time (all the JVM's threads, both cores) is the least disturbed by the shared machine.\n");
        md.append("\n## Memory\n\n");
        md.append("Server RSS (`VmRSS` of the Java process) sampled every 0.5 s from the first warm-up to the end of the load:\n")
                .append("max ").append(mb(rssByScenario.getOrDefault("*", 0L))).append(" (per scenario in the results table). ")
                .append("During the warm-up before the measured runs (JIT compiling, the heap growing to its cap): ").append(mb(rssByScenario.getOrDefault("idle", 0L))).append(".\n");
        if (meta.containsKey("heap_file") && Files.exists(Path.of(meta.get("heap_file")))) {
            md.append("\nThe JVM after the load (`jcmd GC.heap_info`, and the heap and GC flags it chose):\n\n```\n")
                    .append(Files.readString(Path.of(meta.get("heap_file"))).strip()).append("\n```\n");
        }
        md.append("\n## Query plans\n\n");
        md.append("The SQL below is what Roster's own stores issue (captured from `UserStore.search`, `TokenStore` and\n")
                .append("`RoleStore` with a Jdbi `SqlLogger`, not copied by hand), replayed with the same arguments after the load.\n")
                .append(db.equals("sqlite") ? "SQLite: `EXPLAIN QUERY PLAN`; the database has no `ANALYZE` statistics, as a server grown through the API has none.\n"
                        : "PostgreSQL: `EXPLAIN (ANALYZE, BUFFERS)`; the seeder ran `VACUUM ANALYZE`, as autovacuum would after a bulk load.\n")
                .append("Timings are single-query medians over one connection with Roster's pool settings.\n\n");
        md.append(plans.strip()).append("\n");
        md.append("\n").append(RAW_HEADING).append("\n\nOne line per wrk run (microseconds; read back by `bench/Report.java` as a baseline).\n\n```\n");
        rawLines.forEach(l -> md.append(l).append('\n'));
        md.append("```\n");

        Files.writeString(Path.of(opt.get("out")), md.toString(), StandardCharsets.UTF_8);
        System.out.println();
        System.out.println("== " + db + ", " + n + " users ==");
        System.out.print(table);
        System.out.println();
        System.out.print(targets);
        System.out.println("\nwritten: " + opt.get("out"));
    }

    private static StringBuilder table(List<Run> runs, Map<String, Long> rss) {
        StringBuilder t = new StringBuilder();
        t.append("| scenario | conns | req/s | p50 ms | p99 ms | vs ceiling | server CPU | CPU 0 busy | CPU µs/req | errors | max RSS |\n");
        t.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (Run r : runs) {
            boolean isCeiling = r.scenario().equals("ceiling");
            String name = r.scenario() + (isCeiling ? " #" + r.round() : "");
            String rps = fmt(r.rps());
            if (r.scenario().equals("register")) rps += " (" + fmt(r.pairsPerSecond()) + " pairs/s)";
            String vs = isCeiling ? "" : pct(value(r) / ceiling(runs, r));
            String errors = r.v().containsKey("missing") ? "**wrk gave no result**"
                    : r.errors() == 0 ? "0" : "**" + r.errors() + " (non-2xx or socket errors)**";
            t.append("| ").append(name).append(" | ").append(r.conns()).append(" | ").append(rps).append(" | ")
                    .append(ms(r.p50())).append(" | ").append(ms(r.p99())).append(" | ").append(vs).append(" | ")
                    .append(pct(r.serverCpuShare())).append(" | ").append(pct(r.cpu0Busy())).append(" | ")
                    .append(Double.isNaN(r.cpuMicrosPerUnit()) ? "" : fmt(r.cpuMicrosPerUnit()) + (r.scenario().equals("register") ? " per pair" : ""))
                    .append(" | ").append(errors).append(" | ")
                    .append(mb(rss.getOrDefault(r.scenario() + " " + r.conns() + " " + r.round(), 0L))).append(" |\n");
        }
        t.append("""

                `vs ceiling` divides by the mean of the `ceiling` runs just before and just after, at the same connection
                count (for `register`: POST+DELETE pairs per second). `server CPU` is the Roster process's CPU time over the
                run's wall time (100% = its whole core); `CPU 0 busy` is all work on that core, the other engineers' builds
                (and, on PostgreSQL, the database) included; `CPU µs/req` is the server's CPU time per request, which the
                sharing disturbs far less than req/s. `login` is bcrypt-bound by design (cost 10, one core): no target.
                """);
        return t;
    }

    /** What a scenario's ratio compares: requests/s, or pairs/s for register. */
    static double value(Run r) {
        return r.scenario().equals("register") ? r.pairsPerSecond() : r.rps();
    }

    private static StringBuilder targets(List<Run> runs, List<Run> baseline, Map<String, String> meta, Map<String, Long> rss,
                                         String db, long n, String baselineNote) {
        StringBuilder t = new StringBuilder("| target | measured | result |\n|---|---|---|\n");
        ratioTarget(t, runs, "auth", 0.60, "`auth` ≥ 60% of `ceiling`", Run::rps);
        ratioTarget(t, runs, "list", 0.35, "`list` ≥ 35% of `ceiling`", Run::rps);
        ratioTarget(t, runs, "text", 0.35, "`list` with a `text` search ≥ 35% of `ceiling`", Run::rps);
        ratioTarget(t, runs, "register", 0.15, "`register`+`delete` pairs ≥ 15% of `ceiling`" + (db.equals("sqlite") ? "" : " (an SQLite target; shown for comparison)"),
                Run::pairsPerSecond);
        Run list64 = find(runs, "list", 64);
        if (list64 != null) {
            double ratio = list64.p99() / Math.max(list64.p50(), 0.001);
            t.append("| `list` p99 ≤ 10× its p50 at 64 connections | p50 ").append(ms(list64.p50())).append(" ms, p99 ")
                    .append(ms(list64.p99())).append(" ms: ").append(String.format(Locale.ROOT, "%.1f×", ratio)).append(" | ")
                    .append(verdict(ratio <= 10)).append(" |\n");
        }
        for (String s : List.of("list", "text")) {
            String what = "`" + s + "` at 1M users ≥ 70% of its throughput at 10k";
            if (n < 1_000_000 || baseline.isEmpty()) {
                t.append("| ").append(what).append(" | ").append(n < 1_000_000 ? "judged in the 1M-user results" : "no 10k-user baseline").append(" | |\n");
                continue;
            }
            StringBuilder m = new StringBuilder();
            boolean pass = true;
            for (int c : CONNS) {
                Run now = find(runs, s, c), then = find(baseline, s, c);
                if (now == null || then == null) continue;
                double raw = now.rps() / then.rps();
                double normalised = (now.rps() / ceiling(runs, now)) / (then.rps() / ceiling(baseline, then));
                pass &= raw >= 0.70;
                m.append(c).append(" conns: ").append(fmt(now.rps())).append(" vs ").append(fmt(then.rps())).append(" req/s = ")
                        .append(pct(raw)).append(" (relative to each run's ceiling: ").append(pct(normalised))
                        .append("; by CPU per request: ").append(pct(then.cpuMicrosPerUnit() / now.cpuMicrosPerUnit())).append("); ");
            }
            t.append("| ").append(what).append(" | ").append(m.toString().replaceAll("; $", "")).append(" | ").append(verdict(pass)).append(" |\n");
        }
        long maxRss = rss.getOrDefault("*", 0L);
        t.append("| server RSS ≤ 256 MB under load").append(n >= 1_000_000 ? "" : " (the target is at 1M users)").append(" | max ")
                .append(mb(maxRss)).append(" | ").append(verdict(maxRss > 0 && maxRss <= 256L * 1024)).append(" |\n");
        String startup = median(meta.get("startup_free"));
        t.append("| start-up to the first served request ≤ 1.5 s | median ").append(startup).append(" ms (pinned to one core: ")
                .append(median(meta.get("startup_pinned"))).append(" ms) | ")
                .append(verdict(!startup.isEmpty() && Double.parseDouble(startup) <= 1500)).append(" |\n");
        Run login16 = find(runs, "login", 16), login64 = find(runs, "login", 64);
        if (login16 != null && login64 != null) {
            t.append("| `login` (bcrypt-bound: no target) | ").append(fmt(login16.rps())).append(" / ").append(fmt(login64.rps()))
                    .append(" req/s at 16 / 64 connections | reported |\n");
        }
        List<String> errors = new ArrayList<>();
        for (Run r : runs) if (r.errors() > 0 || r.v().containsKey("missing")) errors.add(r.scenario() + "@" + r.conns());
        if (!errors.isEmpty()) t.append("\n**Runs with errors (their figures are not trustworthy): ").append(String.join(", ", errors)).append("**\n");
        if (baselineNote != null && n >= 1_000_000) t.append("\nThe 10k-user baseline: ").append(baselineNote).append(".\n");
        return t;
    }

    private static void ratioTarget(StringBuilder t, List<Run> runs, String scenario, double target, String what, Function<Run, Double> value) {
        StringBuilder m = new StringBuilder();
        boolean pass = true, any = false;
        for (int c : CONNS) {
            Run r = find(runs, scenario, c);
            if (r == null) continue;
            any = true;
            double ratio = value.apply(r) / ceiling(runs, r);
            pass &= ratio >= target && r.errors() == 0;
            m.append(c).append(" conns: ").append(pct(ratio));
            double cpu = cpuCeiling(runs, r) / r.cpuMicrosPerUnit();
            if (!Double.isNaN(cpu)) m.append(" (by CPU per request: ").append(pct(cpu)).append(")");
            m.append("; ");
        }
        if (!any) return;
        t.append("| ").append(what).append(" | ").append(m.toString().replaceAll("; $", "")).append(" | ").append(verdict(pass)).append(" |\n");
    }

    /** The mean of the ceiling runs nearest before and after this run, at its connection count. */
    static double ceiling(List<Run> runs, Run r) {
        return adjacentCeilings(runs, r).stream().mapToDouble(Run::rps).average().orElse(Double.NaN);
    }

    static double cpuCeiling(List<Run> runs, Run r) {
        return adjacentCeilings(runs, r).stream().mapToDouble(Run::cpuMicrosPerUnit).average().orElse(Double.NaN);
    }

    static List<Run> adjacentCeilings(List<Run> runs, Run r) {
        int at = runs.indexOf(r);
        List<Run> out = new ArrayList<>();
        for (int i = at - 1; i >= 0; i--) if (isCeilingAt(runs.get(i), r.conns())) { out.add(runs.get(i)); break; }
        for (int i = at + 1; i < runs.size(); i++) if (isCeilingAt(runs.get(i), r.conns())) { out.add(runs.get(i)); break; }
        return out;
    }

    static boolean isCeilingAt(Run r, int conns) {
        return r.scenario().equals("ceiling") && r.conns() == conns;
    }

    static Run find(List<Run> runs, String scenario, int conns) {
        for (Run r : runs) if (r.scenario().equals(scenario) && r.conns() == conns) return r;
        return null;
    }

    static List<Run> parse(List<String> lines) {
        List<Run> runs = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("scenario=")) continue;
            Map<String, String> kv = new LinkedHashMap<>();
            for (String part : line.trim().split("\\s+")) {
                int eq = part.indexOf('=');
                if (eq > 0) kv.put(part.substring(0, eq), part.substring(eq + 1));
            }
            Map<String, Long> v = new LinkedHashMap<>();
            kv.forEach((k, x) -> {
                if (x.matches("-?\\d+")) v.put(k, Long.parseLong(x));
            });
            runs.add(new Run(kv.get("scenario"), Integer.parseInt(kv.get("conns")), Integer.parseInt(kv.getOrDefault("round", "1")), v));
        }
        return runs;
    }

    /** A runs file, or the raw figures block of an earlier results file. */
    static List<String> baselineLines(Path file) throws IOException {
        if (!Files.exists(file)) return List.of();
        List<String> lines = Files.readAllLines(file);
        if (!file.toString().endsWith(".md")) return lines;
        int at = lines.indexOf(RAW_HEADING);
        return at < 0 ? List.of() : lines.subList(at, lines.size());
    }

    /** Max VmRSS (kB) per "# scenario conns round" section of the sampler's log; "*" is the max under load. */
    static Map<String, Long> rss(Path log) throws IOException {
        Map<String, Long> max = new LinkedHashMap<>();
        if (!Files.exists(log)) return max;
        String section = "idle";
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("# ")) { section = line.substring(2).trim(); continue; }
            if (!line.matches("\\d+")) continue;
            long kb = Long.parseLong(line);
            max.merge(section, kb, Math::max);
            if (!section.equals("idle")) max.merge("*", kb, Math::max);
        }
        return max;
    }

    static Map<String, String> readMeta(Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) meta.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return meta;
    }

    static String median(String list) {
        if (list == null || list.isBlank()) return "";
        double[] v = Arrays.stream(list.trim().split("[ ,]+")).mapToDouble(Double::parseDouble).sorted().toArray();
        double m = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return String.format(Locale.ROOT, "%.0f", m);
    }

    static String label(String key) {
        return switch (key) {
            case "cpu" -> "CPU";
            case "jdk" -> "JDK";
            case "os" -> "OS";
            case "database_version" -> "database";
            case "commit" -> "Roster commit";
            case "load" -> "load average (1 min) before / after the load";
            case "users_detail" -> "users";
            case "seed_seconds" -> "seeding took (s)";
            case "duration" -> "measured seconds per run";
            case "warmup" -> "warm-up seconds before each run";
            case "server_jvm" -> "server JVM options";
            case "wrk_options" -> "wrk";
            default -> key;
        };
    }

    static String verdict(boolean pass) {
        return pass ? "PASS" : "**MISS**";
    }

    static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String ms(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String pct(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    static String mb(long kb) {
        return kb == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
    }
}
