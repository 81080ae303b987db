package dev.roster.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which slice of a list to return: offset, count (0 means every match; capped at 100) and sort keys.
 * Sort keys are API field names; the store maps them to columns and breaks ties by id.
 */
public record Page(int offset, int count, List<SortKey> sort) {
    public static final int DEFAULT_COUNT = 50;
    public static final int MAX_COUNT = 100;

    public record SortKey(String field, boolean ascending) {}

    /** Reads offset, count and sort from a query; {@code sortable} names the fields a sort may use. */
    public static Page from(Query query, Set<String> sortable, SortKey defaultSort) {
        int offset = query.nonNegative("offset", 0);
        int count = Math.min(query.nonNegative("count", DEFAULT_COUNT), MAX_COUNT);
        String rawSort = query.string("sort");
        List<SortKey> sort = rawSort == null ? List.of(defaultSort) : parseSort(rawSort, sortable, defaultSort);
        return new Page(offset, count, sort);
    }

    private static List<SortKey> parseSort(String raw, Set<String> sortable, SortKey defaultSort) {
        JsonNode node = Json.parseOrNull(raw);
        if (node == null || !node.isObject()) throw invalidSort(raw);
        List<SortKey> keys = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode dir = e.getValue();
            if (!sortable.contains(e.getKey()) || !dir.isIntegralNumber() || (dir.asInt() != 1 && dir.asInt() != -1)) {
                throw invalidSort(raw);
            }
            keys.add(new SortKey(e.getKey(), dir.asInt() == 1));
        }
        return keys.isEmpty() ? List.of(defaultSort) : keys;
    }

    private static ApiError invalidSort(String raw) {
        return ApiError.code("error-invalid-sort", "Invalid sort parameter provided: \"" + raw + "\"");
    }
}
