package dev.roster.api;

import java.util.Map;

/** One row of the route table: method, path under /api/v1/, who may call it, and the handler. */
public record Route(String method, String path, Access access, Handler handler) {

    /** Who may call a route: anyone, any logged-in user, or a logged-in user with a permission. */
    public record Access(boolean authenticated, String permission) {
        public static Access anyone() {
            return new Access(false, null);
        }

        public static Access loggedIn() {
            return new Access(true, null);
        }

        public static Access permission(String permission) {
            return new Access(true, permission);
        }
    }

    /**
     * Validates a request (400s come from here) and returns the work it asks for. The dispatcher applies the rate
     * limit between the two, so an invalid request never spends the caller's allowance and a limited one does
     * nothing.
     */
    @FunctionalInterface
    public interface Handler {
        Work prepare(Call call);
    }

    /** The validated request's work: returns the fields of the success body; "success": true is added for it. */
    @FunctionalInterface
    public interface Work {
        Map<String, Object> run();
    }
}
