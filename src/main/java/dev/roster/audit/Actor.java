package dev.roster.audit;

/** Who makes a change, and from which address: a logged-in user, or Roster itself at start-up. */
public record Actor(String userId, String username, String ip) {
    public static Actor system() {
        return new Actor(null, "roster", "-");
    }

    @Override
    public String toString() {
        return userId == null ? username : AuditLog.target(userId, username);
    }
}
