package dev.roster.users;

import dev.roster.store.Database;
import dev.roster.api.ApiError;
import dev.roster.api.Page;
import dev.roster.audit.Actor;
import dev.roster.audit.AuditLog;
import dev.roster.auth.Passwords;
import dev.roster.auth.TokenStore;
import dev.roster.roles.RoleAssignments;
import dev.roster.roles.RoleStore;
import dev.roster.store.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Creating, reading, changing and deleting users; each change is one transaction. */
public final class UserService {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    public static final Set<String> PRESENCE = Set.of("online", "away", "busy", "offline");

    public record NewUser(String username, String email, String name, String password, boolean active,
                          List<String> roles, boolean verified, boolean requirePasswordChange) {}

    /** Fields to change; null leaves a field as it is. */
    public record Changes(String username, String email, String name, String password, Boolean active,
                          List<String> roles, Boolean verified, Boolean requirePasswordChange, String statusText) {}

    public record WithRoles(User user, List<String> roles) {}

    private final Database db;
    private final UserStore users;
    private final RoleStore roleStore;
    private final RoleAssignments roles;
    private final TokenStore tokens;
    private final Passwords passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final Pattern usernamePattern;

    public UserService(Database db, UserStore users, RoleStore roleStore, RoleAssignments roles, TokenStore tokens,
                       Passwords passwords, AuditLog audit, Clock clock, Pattern usernamePattern) {
        this.db = db;
        this.passwords = passwords;
        this.audit = audit;
        this.users = users;
        this.roleStore = roleStore;
        this.roles = roles;
        this.tokens = tokens;
        this.clock = clock;
        this.usernamePattern = usernamePattern;
    }

    public WithRoles create(NewUser req, boolean mayAssignAdmin, Actor actor) {
        checkUsername(req.username());
        checkEmail(req.email());
        List<String> wanted = List.copyOf(new LinkedHashSet<>(req.roles() == null ? List.of("user") : req.roles()));
        String hash = passwords.hash(req.password()); // slow on purpose: outside the transaction
        long now = clock.millis();
        User user = new User(Ids.newId(), req.username(), req.name(), req.email(), req.verified(),
                req.requirePasswordChange(), req.active(), "offline", null, null, now, now);
        return inTransaction(h -> {
            checkRoles(h, wanted, mayAssignAdmin);
            refuseTaken(h, user.username(), user.email(), null);
            users.insert(h, user, hash);
            h.afterCommit(() -> audit.userChanged(actor, "created", user.id(), user.username()));
            for (String role : wanted) roles.grant(h, actor, user, role);
            return withRoles(h, users.byId(h, user.id()).orElseThrow());
        }, user.username(), user.email(), null);
    }

    public Optional<WithRoles> byId(String id) {
        return db.withHandle(h -> users.byId(h, id).map(u -> withRoles(h, u)));
    }

    public Optional<WithRoles> byUsername(String username) {
        return db.withHandle(h -> users.byUsername(h, username).map(u -> withRoles(h, u)));
    }

    public record Listed(List<WithRoles> users, long total) {}

    public Listed list(UserStore.Filter filter, Page page) {
        return db.withHandle(h -> {
            UserStore.Found found = users.search(h, filter, page);
            Map<String, List<String>> byUser = roleStore.rolesOf(h, found.users().stream().map(User::id).toList());
            return new Listed(found.users().stream().map(u -> new WithRoles(u, byUser.get(u.id()))).toList(), found.total());
        });
    }

    public WithRoles update(String userId, Changes c, boolean mayAssignAdmin, Actor actor) {
        if (c.username() != null) checkUsername(c.username());
        if (c.email() != null) checkEmail(c.email());
        String hash = c.password() == null ? null : passwords.hash(c.password());
        long now = clock.millis();
        return inTransaction(h -> {
            User old = users.byId(h, userId).orElseThrow(() -> ApiError.code("error-invalid-user"));
            User changed = new User(old.id(),
                    or(c.username(), old.username()), or(c.name(), old.name()), or(c.email(), old.email()),
                    or(c.verified(), old.emailVerified()), or(c.requirePasswordChange(), old.requirePasswordChange()),
                    old.active(), old.status(), or(c.statusText(), old.statusText()), old.statusLivechat(),
                    old.createdAt(), now);
            refuseTaken(h, CaseFolding.fold(changed.username()).equals(CaseFolding.fold(old.username())) ? null : changed.username(),
                    CaseFolding.fold(changed.email()).equals(CaseFolding.fold(old.email())) ? null : changed.email(), userId);
            users.updateProfile(h, changed);
            if (hash != null) {
                users.setPasswordHash(h, userId, hash, now);
                tokens.deleteAllOf(h, userId);
            }
            if (c.roles() != null) replaceRoles(h, changed, List.copyOf(new LinkedHashSet<>(c.roles())), mayAssignAdmin, actor);
            if (c.active() != null && c.active() != old.active()) setActive(h, old, c.active(), now, actor);
            return withRoles(h, users.byId(h, userId).orElseThrow());
        }, c.username(), c.email(), userId);
    }

    /** Deactivating revokes every login token of the user and makes an agent not-available. */
    public User setActive(String userId, boolean active, Actor actor) {
        long now = clock.millis();
        return db.inTransaction(h -> {
            User user = users.byId(h, userId).orElseThrow(() -> ApiError.code("error-invalid-user"));
            if (user.active() != active) setActive(h, user, active, now, actor);
            return users.byId(h, userId).orElseThrow();
        });
    }

    public void setStatus(String userId, String status, String message) {
        long now = clock.millis();
        db.useTransaction(h -> {
            users.byId(h, userId).orElseThrow(() -> ApiError.code("error-invalid-user"));
            users.setStatus(h, userId, status, message, now);
        });
    }

    public void delete(String userId, Actor actor) {
        db.useTransaction(h -> {
            User user = users.byId(h, userId).orElseThrow(() -> ApiError.plain(400, "User not found."));
            roles.refuseIfLastAdmin(h, userId);
            users.delete(h, userId);
            h.afterCommit(() -> audit.userChanged(actor, "deleted", user.id(), user.username()));
        });
    }

    /**
     * Creates the first admin when no admin exists: the configured user, or a user with that username gains the
     * role. Returns the generated password when none was configured, to be shown once.
     */
    public Optional<String> ensureAdmin(String username, String password, String email) {
        if (adminExists()) return Optional.empty();
        String actual = password != null ? password : Ids.newToken().substring(0, 20);
        String address = email != null ? email : username + "@localhost.localdomain";
        try {
            create(new NewUser(username, address, "Administrator", actual, true, List.of("admin", "user"), true, false),
                    true, Actor.system());
            return password != null ? Optional.empty() : Optional.of(actual);
        } catch (ApiError taken) {
            // The user exists already (perhaps another node created it this very moment): make it the admin.
            User existing = db.withHandle(h -> users.byUsernameKey(h, username)).orElseThrow(() -> taken);
            db.useTransaction(h -> roles.grant(h, Actor.system(), existing, RoleAssignments.ADMIN));
            return Optional.empty();
        }
    }

    private boolean adminExists() {
        return db.withHandle(h -> h.createQuery("SELECT 1 FROM user_roles WHERE role = 'admin' LIMIT 1")
                .mapTo(Integer.class).findOne().isPresent());
    }

    private void setActive(Handle h, User user, boolean active, long now, Actor actor) {
        if (!active) {
            roles.refuseIfLastAdmin(h, user.id());
            tokens.deleteAllOf(h, user.id());
        }
        users.setActive(h, user.id(), active, now);
        h.afterCommit(() -> audit.userChanged(actor, active ? "activated" : "deactivated", user.id(), user.username()));
    }

    private void replaceRoles(Handle h, User user, List<String> wanted, boolean mayAssignAdmin, Actor actor) {
        checkRoles(h, wanted, mayAssignAdmin);
        List<String> current = roleStore.rolesOf(h, user.id());
        if (!mayAssignAdmin && current.contains(RoleAssignments.ADMIN) && !wanted.contains(RoleAssignments.ADMIN)) {
            throw ApiError.adminRoleNotAllowed("insertOrUpdateUser", false);
        }
        for (String role : current) if (!wanted.contains(role)) roles.revoke(h, actor, user, role);
        for (String role : wanted) roles.grant(h, actor, user, role);
    }

    private void checkRoles(Handle h, List<String> wanted, boolean mayAssignAdmin) {
        for (String role : wanted) {
            if (!roleStore.roleExists(h, role)) throw ApiError.typed("Invalid role", "error-invalid-role");
        }
        if (wanted.contains(RoleAssignments.ADMIN) && !mayAssignAdmin) {
            throw ApiError.adminRoleNotAllowed("insertOrUpdateUser", true);
        }
    }

    private void checkUsername(String username) {
        if (!usernamePattern.matcher(username).matches()) {
            throw ApiError.code("error-input-is-not-a-valid-field",
                    username + " is not a valid username, use only letters, numbers, dots, hyphens and underscores");
        }
    }

    private static void checkEmail(String email) {
        if (!EMAIL.matcher(email).matches()) throw ApiError.code("error-invalid-email", "Invalid email " + email);
    }

    /** Refuses a username or email that another user has, in any case. */
    private void refuseTaken(Handle h, String username, String email, String exceptUserId) {
        if (username != null && users.byUsernameKey(h, username).filter(u -> !u.id().equals(exceptUserId)).isPresent()) {
            throw fieldUnavailable(username);
        }
        if (email != null && users.byEmailKey(h, email).filter(u -> !u.id().equals(exceptUserId)).isPresent()) {
            throw fieldUnavailable(email);
        }
    }

    private static ApiError fieldUnavailable(String value) {
        return ApiError.code("error-field-unavailable", value + " is already in use :(");
    }

    /** Runs a write; a unique-key race lost to a concurrent request becomes the same error a check would give. */
    private <T> T inTransaction(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work,
                                String username, String email, String userId) {
        try {
            return db.inTransaction(work);
        } catch (UnableToExecuteStatementException e) {
            db.withHandle(h -> {
                refuseTaken(h, username, email, userId);
                return null;
            });
            throw e;
        }
    }

    private WithRoles withRoles(Handle h, User u) {
        return new WithRoles(u, new ArrayList<>(roleStore.rolesOf(h, u.id())));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
