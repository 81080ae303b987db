package dev.roster.api;

/**
 * The one rule every string from a client obeys, whatever carries it (JSON, query, path): no NUL character
 * (PostgreSQL cannot store one) and no unpaired surrogate (it is not text and cannot be encoded as UTF-8).
 */
final class Text {
    static final String RULE = "must NOT contain NUL characters or unpaired surrogates";

    private Text() {}

    static boolean isClean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) return false;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return false;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static String checked(String s) {
        if (s != null && !isClean(s)) throw ApiError.invalidParams(RULE);
        return s;
    }
}
