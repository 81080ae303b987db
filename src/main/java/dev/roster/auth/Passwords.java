package dev.roster.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.roster.store.Ids;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Passwords are stored as bcrypt of the lowercase hex SHA-256 of the password, as Rocket.Chat stores them,
 * so digest logins work and Rocket.Chat hashes import unchanged.
 */
public final class Passwords {
    public static final int COST = 10;
    private static final BCrypt.Hasher HASHER = BCrypt.with(BCrypt.Version.VERSION_2B);
    private static final Pattern DIGEST = Pattern.compile("[0-9a-fA-F]{64}");
    /**
     * Checked against when the user is unknown, so that costs one bcrypt check at {@link #COST}, as a wrong password
     * does. A fixed hash of a random secret: computing one at start-up would delay the first request.
     */
    static final String DECOY = "$2b$10$C2NKZVIIGfVFkWvN1qghLuIMXcpf/s8hi4Ank92knBANw6KAusEYS";

    private final LongAdder checks = new LongAdder();

    public static String sha256Hex(String password) {
        return HexFormat.of().formatHex(Ids.sha256(password.getBytes(StandardCharsets.UTF_8)));
    }

    public String hash(String password) {
        return HASHER.hashToString(COST, sha256Hex(password).toCharArray());
    }

    /** True when the SHA-256 hex digest is the password's; a digest of the wrong form still costs a check. */
    public boolean matches(String digestHex, String hash) {
        checks.increment();
        char[] candidate = DIGEST.matcher(digestHex).matches() ? digestHex.toLowerCase().toCharArray() : "-".toCharArray();
        boolean verified = BCrypt.verifyer().verify(candidate, hash.toCharArray()).verified;
        return verified && DIGEST.matcher(digestHex).matches();
    }

    /** Spends the same work as {@link #matches} for a login whose user does not exist. */
    public void spendDecoyCheck(String digestHex) {
        matches(digestHex, DECOY);
    }

    /** How many bcrypt checks this process has made: the work a login costs, observable without a stopwatch. */
    public long checks() {
        return checks.sum();
    }
}
