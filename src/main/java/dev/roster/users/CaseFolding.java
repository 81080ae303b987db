package dev.roster.users;

import java.util.Locale;

/** The case-insensitive form of text, for unique usernames and emails and for search (Ä finds ä, Ω finds ω). */
public final class CaseFolding {
    private CaseFolding() {}

    public static String fold(String text) {
        // Upper then lower maps case variants (ς and σ, ﬀ and ff) to one form; ROOT avoids locale surprises.
        return text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}
