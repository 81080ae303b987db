import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of one benchmark scenario as Markdown: where the CPU went (by layer and by
 * method), which Roster methods the time passed through, what allocated, GC pauses and CPU load.
 *
 * <pre>java bench/Profile.java recording.jfr [top]</pre>
 */
public final class Profile {
    // Native samples whose top frame is one of these are threads waiting, not working.
    private static final Set<String> IDLE = Set.of("epollWait", "wait", "wait0", "park", "sleep", "sleep0", "accept",
            "accept0", "poll", "poll0", "socketAccept", "waitForReferencePendingList", "select");

    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        Map<String, Integer> self = new HashMap<>(), layer = new HashMap<>(), roster = new HashMap<>(),
                nativeTop = new HashMap<>();
        Map<String, Long> alloc = new HashMap<>();
        int samples = 0, nativeSamples = 0, gcCount = 0, noStack = 0;
        long allocTotal = 0;
        double gcPauseMs = 0, jvmCpu = 0, machineCpu = 0;
        int cpuEvents = 0;
        // JDK 25's CPU-time sampler sees threads in native code too (SQLite runs there); older JDKs only have the
        // execution sampler, which sees Java code only, so busy native samples are then listed on their own.
        String sampler = hasCpuTimeSamples(Path.of(args[0])) ? "jdk.CPUTimeSample" : "jdk.ExecutionSample";
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                String type = e.getEventType().getName();
                if (type.equals(sampler)) {
                    List<RecordedFrame> frames = frames(e.getStackTrace());
                    samples++;
                    if (frames.isEmpty()) {
                        noStack++;
                        continue;
                    }
                    self.merge(name(frames.get(0)), 1, Integer::sum);
                    layer.merge(layerOf(frames), 1, Integer::sum);
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame f : frames) {
                        String n = name(f);
                        if (n.startsWith("dev.roster.") && !n.contains("$$Lambda") && !n.contains(".lambda$") && seen.add(n)) roster.merge(n, 1, Integer::sum);
                    }
                    continue;
                }
                switch (type) {
                    case "jdk.NativeMethodSample" -> {
                        if (!sampler.equals("jdk.ExecutionSample")) continue;
                        List<RecordedFrame> frames = frames(e.getStackTrace());
                        if (frames.isEmpty() || IDLE.contains(frames.get(0).getMethod().getName())) continue;
                        nativeSamples++;
                        nativeTop.merge(name(frames.get(0)) + " ← " + firstOutsideJdk(frames), 1, Integer::sum);
                    }
                    case "jdk.ObjectAllocationSample" -> {
                        long w = e.getLong("weight");
                        allocTotal += w;
                        alloc.merge(firstOutsideJdk(frames(e.getStackTrace())), w, Long::sum);
                    }
                    case "jdk.GarbageCollection" -> {
                        gcCount++;
                        gcPauseMs += e.getDuration("sumOfPauses").toNanos() / 1e6;
                    }
                    case "jdk.CPULoad" -> {
                        cpuEvents++;
                        jvmCpu += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
                        machineCpu += e.getFloat("machineTotal");
                    }
                    default -> {}
                }
            }
        }
        if (noStack > 0) layer.put("(no Java stack)", noStack);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d samples of %s%s; %d GCs, %.0f ms of pauses", samples, sampler,
                sampler.equals("jdk.ExecutionSample") ? " and " + nativeSamples + " busy native samples" : " (Java and native code)",
                gcCount, gcPauseMs));
        if (cpuEvents > 0) {
            md.append(String.format(Locale.ROOT, "; CPU: the JVM %.0f%%, the whole machine %.0f%% (of 2 cores)",
                    100 * jvmCpu / cpuEvents, 100 * machineCpu / cpuEvents));
        }
        md.append(".\n\n");
        table(md, "CPU by layer (JDK frames charged to the library that called them)", layer, samples, top);
        table(md, "Hottest methods (self time)", self, samples, top);
        table(md, "Roster methods the samples passed through (inclusive)", roster, samples, top);
        if (nativeSamples > 0) table(md, "Busy native methods (← first caller outside the JDK)", nativeTop, nativeSamples, top);
        if (allocTotal > 0) {
            Map<String, Integer> allocPct = new LinkedHashMap<>();
            alloc.forEach((k, v) -> allocPct.put(k, (int) Math.min(Integer.MAX_VALUE, v / 1024)));
            table(md, "Allocation by first frame outside the JDK (share of the sampled allocation weight)",
                    allocPct, (int) Math.min(Integer.MAX_VALUE, allocTotal / 1024), top);
        }
        System.out.print(md);
    }

    private static boolean hasCpuTimeSamples(Path path) throws java.io.IOException {
        try (RecordingFile file = new RecordingFile(path)) {
            while (file.hasMoreEvents()) if (file.readEvent().getEventType().getName().equals("jdk.CPUTimeSample")) return true;
        }
        return false;
    }

    private static void table(StringBuilder md, String title, Map<String, Integer> counts, int total, int top) {
        md.append("| ").append(title).append(" | share |\n|---|---:|\n");
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        for (Map.Entry<String, Integer> e : sorted.subList(0, Math.min(top, sorted.size()))) {
            md.append("| `").append(e.getKey()).append("` | ")
                    .append(String.format(Locale.ROOT, "%.1f%%", 100.0 * e.getValue() / Math.max(total, 1))).append(" |\n");
        }
        md.append('\n');
    }

    private static List<RecordedFrame> frames(RecordedStackTrace st) {
        if (st == null) return List.of();
        List<RecordedFrame> out = new ArrayList<>();
        for (RecordedFrame f : st.getFrames()) if (f.getMethod() != null) out.add(f);
        return out;
    }

    private static String name(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        String type = m.getType().getName();
        return type + "." + m.getName();
    }

    private static boolean jdk(String name) {
        return name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.") || name.startsWith("javax.");
    }

    private static String firstOutsideJdk(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String n = name(f);
            if (!jdk(n)) return n;
        }
        return frames.isEmpty() ? "(no stack)" : name(frames.get(0));
    }

    private static String layerOf(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String n = name(f);
            if (jdk(n)) continue;
            if (n.startsWith("dev.roster.")) return "Roster";
            if (n.startsWith("org.sqlite.")) return "SQLite JDBC (Java side)";
            if (n.startsWith("org.postgresql.")) return "PostgreSQL JDBC";
            if (n.startsWith("com.fasterxml.")) return "Jackson";
            if (n.startsWith("org.eclipse.jetty.")) return "Jetty";
            if (n.startsWith("io.javalin.")) return "Javalin";
            if (n.startsWith("org.jdbi.")) return "Jdbi";
            if (n.startsWith("com.zaxxer.")) return "HikariCP";
            if (n.startsWith("at.favre.")) return "bcrypt";
            if (n.startsWith("ch.qos.logback.") || n.startsWith("org.slf4j.")) return "logging";
            if (n.startsWith("kotlin.")) return "Kotlin stdlib (Javalin)";
            return n.substring(0, Math.max(0, n.lastIndexOf('.', n.lastIndexOf('.') - 1)));
        }
        return "JDK only";
    }
}
