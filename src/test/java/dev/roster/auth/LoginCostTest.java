package dev.roster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.Api;
import dev.roster.testing.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A login for an unknown username costs the same hashing work as a wrong password (issue 4), so its answer time
 * does not tell whether the user exists. The work is counted in bcrypt checks, not timed.
 */
class LoginCostTest extends ServerTest {

    private static long checksFor(Runnable login) {
        long before = server.app().passwords().checks();
        login.run();
        return server.app().passwords().checks() - before;
    }

    private static void expect401(Api.Res res) {
        assertThat(res.status()).as("%s", res).isEqualTo(401);
    }

    @Test
    void an_unknown_user_costs_one_bcrypt_check_like_a_wrong_password() {
        TestUser u = createUser();
        long wrongPassword = checksFor(() -> expect401(anonymous.post("login", Map.of("user", u.username(), "password", "nope"))));
        long unknownUser = checksFor(() -> expect401(anonymous.post("login", Map.of("user", "nobody-at-all", "password", "nope"))));
        long unknownEmail = checksFor(() -> expect401(anonymous.post("login", Map.of("user", "nobody@example.com", "password", "nope"))));
        long badDigest = checksFor(() -> expect401(anonymous.post("login",
                Map.of("user", "nobody", "password", Map.of("digest", "not-hex", "algorithm", "sha-256")))));
        assertThat(wrongPassword).isEqualTo(1);
        assertThat(unknownUser).isEqualTo(1);
        assertThat(unknownEmail).isEqualTo(1);
        assertThat(badDigest).isEqualTo(1);
    }

    @Test
    void the_decoy_hash_has_the_cost_of_every_stored_hash() throws Exception {
        TestUser u = createUser();
        String stored = storedHash(u.id());
        assertThat(stored).startsWith("$2b$" + Passwords.COST + "$");
        assertThat(Passwords.DECOY).startsWith("$2b$" + Passwords.COST + "$").hasSize(stored.length());
    }

    private static String storedHash(String userId) throws Exception {
        try (var c = server.jdbc();
             var s = c.prepareStatement("SELECT password_hash FROM users WHERE id = ?")) {
            s.setString(1, userId);
            try (var rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
