package io.battleroyale.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import javax.annotation.Nullable;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Jetty's own error answers (a malformed URI or header, before any route runs) as the API's JSON
 * error {@code {"error": ..., "status": ...}} instead of an HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final ObjectMapper json;

    JsonErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void generateResponse(
            Request request,
            Response response,
            int code,
            @Nullable String message,
            @Nullable Throwable cause,
            Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, body(code, message), callback);
    }

    @Override
    public ByteBuffer badMessageError(
            int status, @Nullable String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return body(status, reason);
    }

    private ByteBuffer body(int code, @Nullable String message) {
        ObjectNode body = json.createObjectNode();
        body.put(
                "error",
                message == null || message.isBlank() ? HttpStatus.getMessage(code) : message);
        body.put("status", code);
        return ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
