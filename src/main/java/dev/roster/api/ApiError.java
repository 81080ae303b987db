package dev.roster.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** A failure with the exact status and body Rocket.Chat answers for it; turned into a response in one place. */
public final class ApiError extends RuntimeException {
    private final int status;
    private final Map<String, Object> body;
    private String refusedPermission;

    private ApiError(int status, Map<String, Object> body) {
        super(String.valueOf(body.get("error")), null, false, false);
        this.status = status;
        this.body = body;
    }

    /** The permission whose absence caused this error, for the audit log; null for any other error. */
    public String refusedPermission() {
        return refusedPermission;
    }

    private ApiError refusing(String permission) {
        this.refusedPermission = permission;
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        return body;
    }

    private static ApiError of(int status, Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        for (int i = 0; i < keysAndValues.length; i += 2) body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return new ApiError(status, body);
    }

    public static ApiError unauthenticated() {
        String text = "You must be logged in to do this.";
        return of(401, "status", "error", "message", text, "error", text);
    }

    /** The caller lacks the permission the route table names. */
    public static ApiError forbiddenRoute(String permission) {
        return of(403, "error", "User does not have the permissions required for this action [error-unauthorized]")
                .refusing(permission);
    }

    /** The caller lacks a permission that a handler checks ("a|b" when any one of several would do). */
    public static ApiError forbidden(String permission) {
        return of(403, "error", "unauthorized").refusing(permission);
    }

    public static ApiError invalidParams(String message) {
        return of(400, "error", message + " [invalid-params]", "errorType", "invalid-params");
    }

    public static ApiError malformedJson() {
        return invalidParams("Malformed JSON body");
    }

    public static ApiError tooLarge() {
        return of(413, "error", "Request body too large");
    }

    /** Over the rate limit (contract §7). */
    public static ApiError tooManyRequests(long waitSeconds) {
        ApiError e = code("error-too-many-requests", "Error, too many requests. Please slow down. You must wait "
                + waitSeconds + " seconds before trying this endpoint again.");
        return new ApiError(429, e.body);
    }

    /** Too many large bodies at once (see {@link BodyBudget}); nothing was read or changed. */
    public static ApiError busy() {
        return of(503, "error", "Server busy: too many large request bodies at once, try again");
    }

    public static ApiError notFound() {
        return of(404, "error", "Resource not found");
    }

    public static ApiError internal() {
        return of(500, "error", "Internal server error");
    }

    /** A domain error whose text is its code, e.g. {"error":"error-invalid-user","errorType":"error-invalid-user"}. */
    public static ApiError code(String code) {
        return of(400, "error", code, "errorType", code);
    }

    /** A domain error with a message: {"error":"<message> [<code>]","errorType":"<code>"}. */
    public static ApiError code(String code, String message) {
        return of(400, "error", message + " [" + code + "]", "errorType", code);
    }

    /** A domain error with its own text: {"error":"<error>","errorType":"<errorType>"}. */
    public static ApiError typed(String error, String errorType) {
        return of(400, "error", error, "errorType", errorType);
    }

    /** A domain error whose body is only {"success":false,"error":"<text>"}. */
    public static ApiError plain(int status, String error) {
        return of(status, "error", error);
    }

    /**
     * Granting or taking away the admin role without assign-admin-role: Rocket.Chat's Meteor error, with the
     * method and action it names in {@code details}.
     */
    public static ApiError adminRoleNotAllowed(String method, boolean granting) {
        ApiError e = code("error-action-not-allowed", granting ? "Assigning admin is not allowed" : "Removing admin is not allowed");
        e.body.put("details", Map.of("method", method, "action", granting ? "Assign_admin" : "Remove_admin"));
        return e.refusing("assign-admin-role");
    }

    public static ApiError loginFailed(String error, String message) {
        return of(401, "status", "error", "error", error, "message", message);
    }
}
