package dev.roster;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Every setting Roster reads from its environment, with defaults, in one place. */
public record Config(
        int port,
        String bindIp,
        String databaseUrl,
        String adminUsername,
        String adminPassword,
        String adminEmail,
        boolean testMode,
        int maxBodyBytes,
        Pattern usernamePattern) {

    public static final String DEFAULT_DATABASE_URL = "jdbc:sqlite:./data/roster.db";

    /** A setting that cannot be used; its message is the one line an operator sees. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    public static Config fromEnv(Map<String, String> env) {
        return new Config(
                intSetting(env, "PORT", 3000, 0, 65535),
                setting(env, "BIND_IP", "0.0.0.0"),
                setting(env, "DATABASE_URL", DEFAULT_DATABASE_URL),
                setting(env, "ADMIN_USERNAME", "admin"),
                env.get("ADMIN_PASS"),
                setting(env, "ADMIN_EMAIL", null),
                boolSetting(env, "TEST_MODE"),
                intSetting(env, "MAX_BODY_BYTES", 1024 * 1024, 1, Integer.MAX_VALUE - 1),
                patternSetting(env, "USERNAME_PATTERN", "^[0-9a-zA-Z-_.]+$"));
    }

    private static String setting(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int intSetting(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = setting(env, name, null);
        if (value == null) return fallback;
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) return parsed;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Invalid(name + " must be a whole number from " + min + " to " + max + ", not \"" + value + "\"");
    }

    private static boolean boolSetting(Map<String, String> env, String name) {
        String value = setting(env, name, "false").toLowerCase();
        return switch (value) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new Invalid(name + " must be true or false, not \"" + value + "\"");
        };
    }

    private static Pattern patternSetting(Map<String, String> env, String name, String fallback) {
        String value = setting(env, name, fallback);
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new Invalid(name + " is not a valid regular expression: " + value);
        }
    }
}
