package dev.roster.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Identifiers and login tokens in Rocket.Chat's formats, from a CSPRNG. */
public final class Ids {
    private static final String ID_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    /** A 17-character user id, as Meteor's Random.id() makes them. */
    public static String newId() {
        char[] id = new char[17];
        for (int i = 0; i < id.length; i++) id[i] = ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length()));
        return new String(id);
    }

    /** A 43-character URL-safe login token (256 random bits). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What is stored for a token: base64(sha256(token)), as Rocket.Chat stores hashedToken. */
    public static String hashToken(String token) {
        return Base64.getEncoder().encodeToString(sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] sha256(byte[] input) {
        return SHA256.get().digest(input);
    }

    // One digest per thread: looking one up costs more than hashing a token (every authenticated request hashes one).
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });
}
