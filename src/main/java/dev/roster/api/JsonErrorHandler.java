package dev.roster.api;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to requests Jetty refuses before any route sees them (a bad URI or header, a URI or headers too
 * long, garbage instead of HTTP): a JSON body like every other error, never Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final HttpField NOSNIFF = new HttpField("X-Content-Type-Options", "nosniff");

    static Map<String, Object> body(int status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", switch (status) {
            case 400 -> "Bad request";
            case 404, 405 -> "Resource not found";
            case 413 -> "Request body too large";
            case 414 -> "URI too long";
            case 431 -> "Request header fields too large";
            case 500 -> "Internal server error";
            default -> "HTTP error " + status;
        });
        return body;
    }

    /** Every method gets the body; Jetty's default leaves it out for all but GET, POST and HEAD. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(JSON);
        response.getHeaders().put(NOSNIFF);
        response.write(true, ByteBuffer.wrap(Json.write(body(code))), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        fields.put(NOSNIFF);
        return ByteBuffer.wrap(Json.write(body(status)));
    }
}
