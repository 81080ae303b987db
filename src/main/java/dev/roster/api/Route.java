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

    @FunctionalInterface
    public interface Handler {
        /** Returns the fields of the success body; "success": true is added by the dispatcher. */
        Map<String, Object> handle(Call call);
    }
}
