package dev.roster;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        Pattern usernamePattern,
        RateLimits rateLimits,
        LoginBlocking loginBlocking,
        List<String> trustedProxies) {

    public static final String DEFAULT_DATABASE_URL = "jdbc:sqlite:./data/roster.db";

    /** The REST rate limit (contract §7): calls per interval, per route, method and client IP. */
    public record RateLimits(boolean enabled, int calls, long intervalMillis) {}

    /** Failed-login blocking (contract §7), per user and per client IP; whitelisted IPs are never blocked. */
    public record LoginBlocking(boolean byUser, int userAttempts, long userBlockMillis,
                                boolean byIp, int ipAttempts, long ipBlockMillis, Set<String> ipWhitelist) {}

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
                patternSetting(env, "USERNAME_PATTERN", "^[0-9a-zA-Z-_.]+$"),
                rateLimits(env),
                loginBlocking(env),
                listSetting(env, "TRUSTED_PROXIES"));
    }

    // The abuse limits take Rocket.Chat's setting names, which Rocket.Chat also reads from its environment.
    private static RateLimits rateLimits(Map<String, String> env) {
        boolean testMode = boolSetting(env, "TEST_MODE");
        return new RateLimits(
                !testMode && boolSetting(env, "API_Enable_Rate_Limiter", true),
                intSetting(env, "API_Enable_Rate_Limiter_Limit_Calls_Default", 10, 1, Integer.MAX_VALUE),
                intSetting(env, "API_Enable_Rate_Limiter_Limit_Time_Default", 60_000, 1, Integer.MAX_VALUE));
    }

    private static LoginBlocking loginBlocking(Map<String, String> env) {
        boolean on = !boolSetting(env, "TEST_MODE") && boolSetting(env, "Block_Multiple_Failed_Logins_Enabled", true);
        return new LoginBlocking(
                on && boolSetting(env, "Block_Multiple_Failed_Logins_By_User", true),
                intSetting(env, "Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User", 10, 1, Integer.MAX_VALUE),
                60_000L * intSetting(env, "Block_Multiple_Failed_Logins_Time_To_Unblock_By_User_In_Minutes", 5, 1, 1_000_000),
                on && boolSetting(env, "Block_Multiple_Failed_Logins_By_Ip", true),
                intSetting(env, "Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip", 50, 1, Integer.MAX_VALUE),
                60_000L * intSetting(env, "Block_Multiple_Failed_Logins_Time_To_Unblock_By_Ip_In_Minutes", 5, 1, 1_000_000),
                Set.copyOf(listSetting(env, "Block_Multiple_Failed_Logins_Ip_Whitelist")));
    }

    private static List<String> listSetting(Map<String, String> env, String name) {
        String value = setting(env, name, "");
        return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
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
        return boolSetting(env, name, false);
    }

    private static boolean boolSetting(Map<String, String> env, String name, boolean fallback) {
        String value = setting(env, name, String.valueOf(fallback)).toLowerCase();
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
