package dev.roster.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request's query string, checked against the keys a route accepts. Query values are strings on the wire,
 * so "25" is a number and "true" a boolean; a key given twice is an array, which no route accepts.
 */
public final class Query {
    private final Map<String, List<String>> params;

    private Query(Map<String, List<String>> params) {
        this.params = params;
    }

    /** Rejects any key outside {@code allowed}. */
    public static Query of(Map<String, List<String>> params, Set<String> allowed) {
        for (String key : params.keySet()) {
            if (!allowed.contains(key)) throw ApiError.invalidParams("must NOT have additional properties");
        }
        return new Query(params);
    }

    public String string(String key) {
        List<String> values = params.get(key);
        if (values == null || values.isEmpty()) return null;
        if (values.size() > 1) throw ApiError.invalidParams("must be string");
        return values.get(0);
    }

    /** A whole number >= 0, or the fallback when absent; values past int range are clamped. */
    public int nonNegative(String key, int fallback) {
        String raw = single(key, "number");
        if (raw == null) return fallback;
        BigDecimal n;
        try {
            n = new BigDecimal(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalidParams("must be number");
        }
        if (n.signum() < 0) throw ApiError.invalidParams("must be >= 0");
        if (n.stripTrailingZeros().scale() > 0) throw ApiError.invalidParams("must be integer");
        return n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 ? Integer.MAX_VALUE : n.intValue();
    }

    public boolean bool(String key, boolean fallback) {
        String raw = single(key, "boolean");
        if (raw == null) return fallback;
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.invalidParams("must be boolean");
        };
    }

    private String single(String key, String type) {
        List<String> values = params.get(key);
        if (values == null || values.isEmpty()) return null;
        if (values.size() > 1) throw ApiError.invalidParams("must be " + type);
        return values.get(0);
    }
}
