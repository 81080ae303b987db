package dev.roster.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Roster as a separate operating-system process, as an operator runs it, so a test can kill it (SIGKILL) or stop it
 * (SIGTERM) and start it again on the same database.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on [0-9.]+:(\\d+)");

    private final Process process;
    private final int port;
    private final StringBuffer output = new StringBuffer();

    private ServerProcess(Process process) {
        this.process = process;
        BufferedReader reader = process.inputReader(StandardCharsets.UTF_8);
        int found = -1;
        try {
            for (String line; (line = reader.readLine()) != null; ) {
                output.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    found = Integer.parseInt(m.group(1));
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (found < 0) throw new AssertionError("the server ended before listening:\n" + output);
        this.port = found;
        // Keep draining its output, so it never blocks on a full pipe.
        CompletableFuture.runAsync(() -> {
            try {
                for (String line; (line = reader.readLine()) != null; ) output.append(line).append('\n');
            } catch (IOException ignored) {
                // the process is gone
            }
        });
    }

    /** Starts Roster on a free port with the test admin and the given database, in {@code dir}. */
    public static ServerProcess start(Path dir, String databaseUrl, Map<String, String> extraEnv) {
        return start(dir, databaseUrl, extraEnv, List.of());
    }

    /** The same, with options for its JVM (such as a heap size). */
    public static ServerProcess start(Path dir, String databaseUrl, Map<String, String> extraEnv, List<String> jvmOptions) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, "dev.roster.Roster"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> List.of("PORT", "DATABASE_URL", "ADMIN_USERNAME", "ADMIN_PASS",
                "ADMIN_EMAIL", "BIND_IP", "TEST_MODE").contains(k));
        pb.environment().putAll(Map.of("PORT", "0", "BIND_IP", "127.0.0.1", "DATABASE_URL", databaseUrl,
                "ADMIN_USERNAME", TestServer.ADMIN_USERNAME, "ADMIN_PASS", TestServer.ADMIN_PASSWORD, "TEST_MODE", "true"));
        pb.environment().putAll(extraEnv);
        try {
            return new ServerProcess(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Api anonymous() {
        return new Api(baseUrl(), null, null);
    }

    public String output() {
        return output.toString();
    }

    /** SIGKILL: the process ends at once, with no chance to finish anything. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** Sends SIGTERM, as an operator or a service manager stops it, and returns at once. */
    public void sigterm() {
        process.destroy();
    }

    public int waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("the server did not end:\n" + output);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) kill();
    }
}
