package dev.roster.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.roster.store.Ids;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Passwords are stored as bcrypt of the lowercase hex SHA-256 of the password, as Rocket.Chat stores them,
 * so digest logins work and Rocket.Chat hashes import unchanged.
 */
public final class Passwords {
    static final int COST = 10;
    private static final BCrypt.Hasher HASHER = BCrypt.with(BCrypt.Version.VERSION_2B);
    /** Checked against when the user is unknown, so that costs as much as a wrong password. */
    private static final String DECOY = HASHER.hashToString(COST, sha256Hex("roster-decoy").toCharArray());

    private Passwords() {}

    public static String sha256Hex(String password) {
        return HexFormat.of().formatHex(Ids.sha256(password.getBytes(StandardCharsets.UTF_8)));
    }

    public static String hash(String password) {
        return HASHER.hashToString(COST, sha256Hex(password).toCharArray());
    }

    public static boolean matches(String digestHex, String hash) {
        return BCrypt.verifyer().verify(digestHex.toLowerCase().toCharArray(), hash.toCharArray()).verified;
    }

    /** Spends the same work as {@link #matches} for a login whose user does not exist. */
    public static void spendDecoyCheck(String digestHex) {
        matches(digestHex, DECOY);
    }
}
