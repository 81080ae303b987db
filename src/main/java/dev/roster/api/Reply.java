package dev.roster.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the fields of a success body in order; the dispatcher appends "success": true. */
public final class Reply {
    private Reply() {}

    public static Map<String, Object> ok() {
        return new LinkedHashMap<>();
    }

    public static Map<String, Object> of(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    public static Map<String, Object> of(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = of(k1, v1);
        m.put(k2, v2);
        return m;
    }

    /** A page of a list, as every list endpoint answers: {"users": [...], "count", "offset", "total"}. */
    public static Map<String, Object> page(List<?> users, int offset, long total) {
        Map<String, Object> m = of("users", users);
        m.put("count", users.size());
        m.put("offset", offset);
        m.put("total", total);
        return m;
    }
}
