package dev.roster.api;

import dev.roster.audit.AuditLog;
import dev.roster.auth.AuthService;
import dev.roster.ratelimit.RateLimiter;
import dev.roster.roles.Authorizer;
import dev.roster.store.Changes;
import dev.roster.users.User;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the route table on Javalin and runs every request through the same steps, in Rocket.Chat's order:
 * body size (413), authentication (401), route permission (403), the handler's validation (400), the rate limit
 * (429), then the handler's work. Every answer, including errors and unknown routes, is a JSON body written here.
 */
public final class HttpApi {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    /** How much of an unread body is read and dropped before answering; past it, the connection closes. */
    private static final long DISCARD_LIMIT = 64L * 1024 * 1024;
    private static final String BYPASS_RATE_LIMIT = "api-bypass-rate-limit";

    private final Changes changes;
    private final AuthService auth;
    private final Authorizer authorizer;
    private final RateLimiter rateLimiter;
    private final ClientIp clientIp;
    private final AuditLog audit;
    private final int maxBodyBytes;
    private final BodyBudget bodyBudget;
    private final String version;

    public HttpApi(Changes changes, AuthService auth, Authorizer authorizer, RateLimiter rateLimiter, ClientIp clientIp,
                   AuditLog audit, int maxBodyBytes, String version) {
        this.changes = changes;
        this.auth = auth;
        this.authorizer = authorizer;
        this.rateLimiter = rateLimiter;
        this.clientIp = clientIp;
        this.audit = audit;
        this.maxBodyBytes = maxBodyBytes;
        this.bodyBudget = new BodyBudget(maxBodyBytes);
        this.version = version;
    }

    public void install(JavalinConfig config, List<Route> routes) {
        config.routes.get("/api/info", ctx -> respond(ctx, 200, Map.of("version", version, "success", true)));
        for (Route route : routes) {
            String path = "/api/v1/" + route.path();
            config.routes.addHttpHandler(handlerType(route.method()), path, ctx -> dispatch(route, ctx));
            // HEAD runs the GET route, so it answers the same status and headers (Jetty drops the body).
            if (route.method().equals("GET")) config.routes.addHttpHandler(HandlerType.HEAD, path, ctx -> dispatch(route, ctx));
        }
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            ApiError error = switch (e.getStatus()) {
                case 404, 405 -> ApiError.notFound();
                case 413 -> ApiError.tooLarge();
                default -> ApiError.plain(e.getStatus(), e.getMessage());
            };
            respond(ctx, error.status(), error.body());
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, 500, ApiError.internal().body());
        });
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
    }

    private void dispatch(Route route, Context ctx) {
        String ip = clientIp.of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
        User caller = null;
        Call call = null;
        try {
            if (ctx.req().getContentLengthLong() > maxBodyBytes) throw ApiError.tooLarge();
            changes.catchUp(); // what other nodes changed holds from here on
            if (route.access().authenticated()) {
                caller = auth.authenticate(ctx.header("X-User-Id"), ctx.header("X-Auth-Token"))
                        .orElseThrow(ApiError::unauthenticated);
                String permission = route.access().permission();
                if (permission != null && !authorizer.has(caller.id(), permission)) throw ApiError.forbiddenRoute(permission);
            }
            call = new Call(ctx, caller, ip, authorizer, maxBodyBytes, bodyBudget);
            Route.Work work = route.handler().prepare(call);
            limitRate(route, ctx, ip, caller);
            Map<String, Object> reply = work.run();
            reply.put("success", true);
            respond(ctx, 200, reply);
        } catch (ApiError e) {
            if (e.refusedPermission() != null) {
                audit.permissionRefused(Call.actor(caller, ip), route.method() + " " + route.path(), e.refusedPermission());
            }
            respond(ctx, e.status(), e.body());
        } catch (RuntimeException e) {
            log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, 500, ApiError.internal().body());
        } finally {
            if (call != null) call.releaseBody();
        }
    }

    /** Counts the call against its route's limit and says so in the X-RateLimit-* headers; refuses it when over. */
    private void limitRate(Route route, Context ctx, String ip, User caller) {
        if (!rateLimiter.enabled() || (caller != null && authorizer.has(caller.id(), BYPASS_RATE_LIMIT))) return;
        RateLimiter.Verdict verdict = rateLimiter.check(route.method() + " " + route.path(), ip);
        ctx.header("X-RateLimit-Limit", String.valueOf(verdict.limit()));
        ctx.header("X-RateLimit-Remaining", String.valueOf(verdict.remaining()));
        ctx.header("X-RateLimit-Reset", String.valueOf(verdict.resetAt()));
        if (!verdict.allowed()) throw ApiError.tooManyRequests(verdict.waitSeconds());
    }

    /**
     * Reads and drops what the client sent and the route did not read (a body refused with 401, 403 or 413, a body
     * on a GET), up to a bound, before answering. Else Jetty would close the connection after an answer that had
     * already promised to keep it open, and a client sending its next request on it, or still uploading, would
     * read nothing. A client that asked for 100-continue and was not read from is not asked for its body: its
     * connection closes after the answer, and says so.
     */
    private static void discardUnreadBody(Context ctx) {
        // Even asking Jetty for the stream would send "100 Continue" and invite the body.
        if (ctx.req().getAttribute(Call.BODY_READ) == null && "100-continue".equalsIgnoreCase(ctx.header("Expect"))) {
            ctx.res().setHeader("Connection", "close");
            return;
        }
        try {
            ServletInputStream in = ctx.req().getInputStream();
            if (in.isFinished() || in.read() < 0) return; // most requests: nothing left, and no buffer needed
            byte[] sink = new byte[8192];
            long left = DISCARD_LIMIT - 1;
            for (int n; (n = in.read(sink)) > 0; ) {
                left -= n;
                if (left <= 0) {
                    ctx.res().setHeader("Connection", "close");
                    return;
                }
            }
        } catch (IOException | IllegalStateException e) {
            ctx.res().setHeader("Connection", "close"); // the body cannot be read: the connection cannot be reused
        }
    }

    private static HandlerType handlerType(String method) {
        return switch (method) {
            case "GET" -> HandlerType.GET;
            case "POST" -> HandlerType.POST;
            case "DELETE" -> HandlerType.DELETE;
            default -> throw new IllegalArgumentException("no such method in the route table: " + method);
        };
    }

    /** Writes a JSON answer straight to the response: Javalin's result() would copy it through a new 32 KiB buffer. */
    private static void respond(Context ctx, int status, Map<String, Object> body) {
        discardUnreadBody(ctx);
        byte[] bytes = Json.write(body);
        HttpServletResponse res = ctx.res();
        res.setStatus(status);
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setContentType("application/json");
        res.setContentLength(bytes.length);
        try {
            res.getOutputStream().write(bytes);
        } catch (IOException e) {
            // the client went away; there is nobody left to answer
        }
    }
}
