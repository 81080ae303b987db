package dev.roster.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.audit.Actor;
import dev.roster.roles.Authorizer;
import dev.roster.users.User;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/** One request as a handler sees it: the authenticated caller, its address, path parameters, body and query. */
public final class Call {
    /** A request attribute set once the body has been asked for, so the dispatcher knows 100-continue was sent. */
    static final String BODY_READ = "roster.bodyRead";

    private final Context ctx;
    private final User caller;
    private final String clientIp;
    private final Authorizer authorizer;
    private final int maxBodyBytes;
    private final BodyBudget budget;
    private int claimed; // bytes of the budget this call holds until its request ends

    Call(Context ctx, User caller, String clientIp, Authorizer authorizer, int maxBodyBytes, BodyBudget budget) {
        this.ctx = ctx;
        this.caller = caller;
        this.clientIp = clientIp;
        this.authorizer = authorizer;
        this.maxBodyBytes = maxBodyBytes;
        this.budget = budget;
    }

    /** Gives back what the body claimed; the dispatcher calls it when the request ends. */
    void releaseBody() {
        budget.release(claimed);
        claimed = 0;
    }

    /** The authenticated user; null only on public routes. */
    public User caller() {
        return caller;
    }

    /** The client's address (see {@link ClientIp}). */
    public String clientIp() {
        return clientIp;
    }

    /** The caller as the audit log names it. */
    public Actor actor() {
        return actor(caller, clientIp);
    }

    static Actor actor(User caller, String ip) {
        return caller == null ? new Actor(null, "-", ip) : new Actor(caller.id(), caller.username(), ip);
    }

    /** A path parameter; NUL characters and unpaired surrogates are refused like any bad parameter. */
    public String path(String name) {
        return Text.checked(ctx.pathParam(name));
    }

    public String header(String name) {
        return ctx.header(name);
    }

    /** The JSON body checked against a schema; an empty body counts as {}. */
    public ObjectNode body(Schema schema) {
        byte[] raw = readBody();
        JsonNode node = raw.length == 0 ? Json.parse("{}".getBytes()) : Json.parse(raw);
        return schema.check(node);
    }

    public Query query(Set<String> allowed) {
        return Query.parse(ctx.queryString(), allowed);
    }

    /** The caller's roles, sorted by name. */
    public List<String> callerRoles() {
        return authorizer.rolesOf(caller.id());
    }

    public boolean can(String permission) {
        return caller != null && authorizer.has(caller.id(), permission);
    }

    /** A permission checked inside a handler: its refusal is 403 {"error":"unauthorized"}. */
    public void require(String permission) {
        if (!can(permission)) throw ApiError.forbidden(permission);
    }

    /** Like {@link #require}, satisfied by any one of the permissions. */
    public void requireAny(String first, String second) {
        if (!can(first) && !can(second)) throw ApiError.forbidden(first + "|" + second);
    }

    private byte[] readBody() {
        long declared = ctx.req().getContentLengthLong(); // the dispatcher refused one over the limit
        int claim = declared >= 0 ? (int) declared : maxBodyBytes;
        budget.claim(claim);
        claimed += claim;
        ctx.req().setAttribute(BODY_READ, Boolean.TRUE);
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared >= 0 ? claim : 8192);
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > maxBodyBytes) throw ApiError.tooLarge();
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiError.malformedJson();
        }
    }
}
