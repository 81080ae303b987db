package dev.roster.api;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request's query string, checked against the keys a route accepts. Query values are strings on the wire,
 * so "25" is a number and "true" a boolean; a key given twice is an array, which no route accepts. The query is
 * decoded strictly: a bad percent escape or invalid UTF-8 is a bad parameter, not a guess.
 */
public final class Query {
    private final Map<String, List<String>> params;

    private Query(Map<String, List<String>> params) {
        this.params = params;
    }

    /** Parses a raw query string (null for none) and rejects any key outside {@code allowed}. */
    public static Query parse(String raw, Set<String> allowed) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        for (String key : params.keySet()) {
            if (!allowed.contains(key)) throw ApiError.invalidParams("must NOT have additional properties");
        }
        return new Query(params);
    }

    public String string(String key) {
        return single(key, "string");
    }

    /** A whole number >= 0, or the fallback when absent; values past int range are clamped. */
    public int nonNegative(String key, int fallback) {
        String raw = single(key, "number");
        if (raw == null) return fallback;
        BigDecimal n;
        try {
            n = raw.length() > 40 ? null : new BigDecimal(raw.trim());
        } catch (NumberFormatException e) {
            n = null;
        }
        if (n == null) throw ApiError.invalidParams("must be number");
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

    /** application/x-www-form-urlencoded decoding ('+' is a space), refusing what is not UTF-8 text. */
    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return Text.checked(s);
        StringBuilder out = new StringBuilder(s.length());
        ByteBuffer escaped = ByteBuffer.allocate(s.length() / 3 + 1);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (lo < 0) throw malformed();
                escaped.put((byte) (hi * 16 + lo));
                i += 2;
                continue;
            }
            flush(escaped, out);
            out.append(c == '+' ? ' ' : c);
        }
        flush(escaped, out);
        return Text.checked(out.toString());
    }

    /** Appends a run of percent-escaped bytes, which must be whole UTF-8 characters. */
    private static void flush(ByteBuffer escaped, StringBuilder out) {
        if (escaped.position() == 0) return;
        try {
            out.append(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(escaped.flip()));
        } catch (CharacterCodingException e) {
            throw malformed();
        }
        escaped.clear();
    }

    private static ApiError malformed() {
        return ApiError.invalidParams("Malformed query string");
    }
}
