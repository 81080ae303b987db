package dev.roster.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of a JSON object a route accepts: its keys, their types, which are required, and nothing else.
 * Failures carry JSON-Schema (AJV) wording, first failure only, in AJV's order: required, additional, types.
 */
public final class Schema {

    public enum Type {
        STRING("string"), NUMBER("number"), BOOLEAN("boolean"), OBJECT("object"), ARRAY("array"), STRING_ARRAY("array");

        final String word;

        Type(String word) {
            this.word = word;
        }

        boolean accepts(JsonNode v) {
            return switch (this) {
                case STRING -> v.isTextual();
                case NUMBER -> v.isNumber();
                case BOOLEAN -> v.isBoolean();
                case OBJECT -> v.isObject();
                case ARRAY -> v.isArray();
                case STRING_ARRAY -> v.isArray();
            };
        }
    }

    /** {@code max} bounds a string's characters or an array's items (0: only the body size bounds it). */
    public record Field(String name, Type type, boolean required, Set<String> allowedValues, int max) {
        /** The same field with a bound: at most {@code max} characters, or items for an array. */
        public Field max(int max) {
            return new Field(name, type, required, allowedValues, max);
        }
    }

    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final boolean additionalAllowed;

    private Schema(List<Field> fields, boolean additionalAllowed) {
        for (Field f : fields) this.fields.put(f.name(), f);
        this.additionalAllowed = additionalAllowed;
    }

    /** An object with exactly these keys. */
    public static Schema object(Field... fields) {
        return new Schema(List.of(fields), false);
    }

    /** An object with these keys checked and any other key ignored (for calls whose clients send extras). */
    public static Schema lenientObject(Field... fields) {
        return new Schema(List.of(fields), true);
    }

    public static Field required(String name, Type type) {
        return new Field(name, type, true, null, 0);
    }

    public static Field optional(String name, Type type) {
        return new Field(name, type, false, null, 0);
    }

    /** An optional string restricted to the given values. */
    public static Field optionalOneOf(String name, String... values) {
        return new Field(name, Type.STRING, false, Set.of(values), 0);
    }

    /** Checks a parsed body and returns it as an object. */
    public ObjectNode check(JsonNode value) {
        if (!value.isObject()) throw ApiError.invalidParams("must be object");
        ObjectNode object = (ObjectNode) value;
        for (Field f : fields.values()) {
            if (f.required() && !object.has(f.name())) {
                throw ApiError.invalidParams("must have required property '" + f.name() + "'");
            }
        }
        if (!additionalAllowed) {
            for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                if (!fields.containsKey(it.next())) throw ApiError.invalidParams("must NOT have additional properties");
            }
        }
        for (Field f : fields.values()) {
            JsonNode v = object.get(f.name());
            if (v == null) continue;
            if (!f.type().accepts(v)) throw ApiError.invalidParams("must be " + f.type().word);
            if (f.max() > 0 && v.isTextual() && v.asText().codePointCount(0, v.asText().length()) > f.max()) {
                throw ApiError.invalidParams("must NOT have more than " + f.max() + " characters");
            }
            if (f.max() > 0 && v.isArray() && v.size() > f.max()) {
                throw ApiError.invalidParams("must NOT have more than " + f.max() + " items");
            }
            if (f.type() == Type.STRING_ARRAY) {
                for (JsonNode item : v) if (!item.isTextual()) throw ApiError.invalidParams("must be string");
            }
            if (f.allowedValues() != null && !f.allowedValues().contains(v.asText())) {
                throw ApiError.invalidParams("must be equal to one of the allowed values");
            }
        }
        return object;
    }

    /** The strings of a STRING_ARRAY field, or null when absent. */
    public static List<String> strings(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null) return null;
        List<String> out = new ArrayList<>(v.size());
        v.forEach(item -> out.add(item.asText()));
        return out;
    }

    public static String text(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        return v == null ? null : v.asText();
    }

    public static Boolean bool(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        return v == null ? null : v.asBoolean();
    }
}
