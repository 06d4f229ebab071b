package dev.hoist.docker;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import dev.hoist.push.EngineException;
import dev.hoist.push.ImageSourceException;
import dev.hoist.push.PushException;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.push.RegistryConnectionException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.config.DockerSettings;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what docker-java reports, a thrown exception or an error item in the push
 * stream, into one of Hoist's typed {@link PushException}s.
 */
final class DockerErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerErrors() {
    }

    /**
     * What was going on when docker-java failed, for the message.
     *
     * @param image the image concerned
     * @param what the operation in words, such as {@code pushing 'localhost:5000/app:1'}
     * @param endpoint the endpoint and the rule that chose it
     * @param settings the timeouts to name; null when unknown
     */
    record Context(String image, String what, String endpoint, DockerSettings settings) {

        /** The {@link #image()} of an operation about no image, such as asking for the engine's version. */
        static final String NO_IMAGE = "(none)";
        /** The {@link #image()} of loading an archive, which names no image either. */
        static final String ARCHIVE = "(archive)";

        /** Whether the operation is about one named image, so that a "no such image" answer can be about it. */
        boolean namesImage() {
            return !NO_IMAGE.equals(image) && !ARCHIVE.equals(image);
        }
    }

    /** An exception thrown by docker-java while pushing {@code image}. */
    static PushException fromException(String image, String dockerHost, Throwable error) {
        return fromException(new Context(image, "pushing '" + image + "'", dockerHost, null), error);
    }

    /** An exception thrown by docker-java while doing {@code context.what()}. */
    static PushException fromException(Context context, Throwable error) {
        String image = context.image();
        if (error instanceof PushException typed) {
            return typed;
        }
        if (error instanceof DockerException answered && looksLikeHtml(answered.getMessage())) {
            return EngineException.protocol(context.endpoint(), "HTTP " + answered.getHttpStatus() + " with an HTML page", error);
        }
        if (hasCause(error, JsonProcessingException.class)) {
            return EngineException.protocol(context.endpoint(), "a body that is not the JSON it sends", error);
        }
        if (error instanceof NotFoundException notFound) {
            return fromNotFound(context, notFound);
        }
        if (error instanceof DockerException engineAnswered && !context.namesImage()) {
            // Not about an image: the engine's words, never an image's name.
            // Docker's and Podman's JSON error bodies give their message; anything else is quoted by its first line.
            String said = dockerErrorMessage(engineAnswered.getMessage())
                    .orElseGet(() -> body(engineAnswered.getMessage()).isEmpty() ? "(no message)"
                            : firstLine(body(engineAnswered.getMessage())));
            return EngineException.error(context.what(), context.endpoint(), engineAnswered.getHttpStatus(), said,
                    error);
        }
        if (error instanceof UnauthorizedException) {
            return RegistryAuthenticationException.refused(image, firstLine(error.getMessage()));
        }
        if (error instanceof DockerException engineAnswered) {
            return fromEngineMessage(image, firstLine(engineAnswered.getMessage()), error);
        }
        if (hasCause(error, IOException.class)) {
            return fromIoFailure(context, error);
        }
        return PushException.failed(image, String.valueOf(error.getMessage()), error);
    }

    /**
     * A 404. Docker and Podman say "no such image" with a JSON body, {@code {"message":"No such image: NAME"}}
     * (Podman adds {@code cause} and {@code response}); only that, for an operation about an image, is a missing
     * image. A 404 with any other body (empty, HTML, text, JSON without a message), or docker's own
     * {@code page not found} for a route it does not have, or any 404 to an operation about no image (a ping, the
     * version), means the endpoint is not the Docker API Hoist speaks.
     */
    private static PushException fromNotFound(Context context, NotFoundException error) {
        Optional<String> engineMessage = dockerErrorMessage(error.getMessage());
        if (engineMessage.isEmpty()) {
            String body = body(error.getMessage());
            return EngineException.protocol(context.endpoint(), "HTTP 404 " + (body.isEmpty() ? "with an empty body"
                    : "with a body that is not the engine's JSON error") + " while " + context.what(), error);
        }
        String message = engineMessage.get();
        if (!context.namesImage() || message.strip().equalsIgnoreCase("page not found")) {
            return EngineException.protocol(context.endpoint(), "HTTP 404 '" + message + "' while "
                    + context.what(), error);
        }
        return ImageSourceException.notFoundLocally(context.image(), error);
    }

    /** The body docker-java put after its {@code Status 404: } prefix, stripped; empty when there was none. */
    private static String body(String message) {
        String text = message == null ? "" : message.strip();
        while (text.matches("(?s)Status \\d{3}:.*")) {
            text = text.substring(text.indexOf(':') + 1).strip();
        }
        return text;
    }

    /** The {@code message} of the engine's JSON error body, when the body is one. */
    private static Optional<String> dockerErrorMessage(String exceptionMessage) {
        String body = body(exceptionMessage);
        if (!body.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode message = json == null ? null : json.get("message");
            return message != null && message.isTextual() && !message.asText().isBlank()
                    ? message.asText().strip().lines().findFirst() : Optional.empty();
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }

    /** An I/O failure talking to the engine: which of timeout, permission, dropped connection or no engine it is. */
    private static PushException fromIoFailure(Context context, Throwable error) {
        String messages = allMessages(error);
        DockerSettings settings = context.settings();
        if (isConnectTimeout(error, messages)) {
            return settings == null ? EngineException.unreachable(context.endpoint(), error, hostSetting(context))
                    : EngineException.timeout(context.what(), context.endpoint(), "no connection within "
                    + settings.connectTimeout(), settings.setting("connect-timeout"), error);
        }
        if (hasCause(error, SocketTimeoutException.class)) {
            return settings == null ? EngineException.unreachable(context.endpoint(), error, hostSetting(context))
                    : EngineException.timeout(context.what(), context.endpoint(),
                    "no byte moved in either direction for " + settings.idleTimeout(), settings.setting("idle-timeout"), error);
        }
        if (hasCause(error, AccessDeniedException.class) || messages.contains("permission denied")
                || messages.contains("eacces") || messages.contains("operation not permitted")) {
            return EngineException.accessDenied(context.endpoint(), error);
        }
        if (hasCauseNamed(error, "ConnectionClosedException") || hasCauseNamed(error, "NoHttpResponseException")
                || hasCauseNamed(error, "TruncatedChunkException") || hasCause(error, EOFException.class)
                || messages.contains("premature end") || messages.contains("connection reset")
                || messages.contains("broken pipe") || messages.contains("closed the connection")) {
            return EngineException.connectionDropped(context.what(), context.endpoint(), error);
        }
        return EngineException.unreachable(context.endpoint(), error, hostSetting(context));
    }

    /** The setting that names the engine, for advice: {@code <root>.docker.host}. */
    private static String hostSetting(Context context) {
        return context.settings() == null ? "the docker host setting" : context.settings().setting("host");
    }

    private static boolean isConnectTimeout(Throwable error, String messages) {
        return hasCauseNamed(error, "ConnectTimeoutException") || hasCause(error, java.net.http.HttpConnectTimeoutException.class)
                || messages.contains("connect timed out");
    }

    private static boolean looksLikeHtml(String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return text.contains("<html") || text.contains("<!doctype html") || text.contains("<body");
    }

    /** An error item in the push stream: the engine answered, but the push failed. */
    static PushException fromEngineMessage(String image, String message, Throwable cause) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (text.contains("invalid reference format")) {
            return EngineException.refusedName(image, message, cause);
        }
        if (text.contains("does not exist locally") || text.contains("no such image")) {
            return ImageSourceException.notFoundLocally(image, cause);
        }
        if (text.contains("unauthorized") || text.contains("authentication required") || text.contains("no basic auth credentials")
                || text.contains("denied") || text.contains("forbidden")) {
            return RegistryAuthenticationException.refused(image, message);
        }
        if (text.contains("connection refused") || text.contains("no such host") || text.contains("dial tcp")
                || text.contains("i/o timeout") || text.contains("connection reset")
                || text.contains("server gave http response to https client") || text.contains("tls: ")
                || text.contains("network is unreachable") || text.contains("eof")) {
            return RegistryConnectionException.viaEngine(image, message);
        }
        return PushException.failed(image, message, cause);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCauseNamed(Throwable error, String simpleName) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (type.getSimpleName().equals(simpleName)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every message in the cause chain, lower-cased, for matching the JDK's and the OS's words. */
    private static String allMessages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString().toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        // docker-java prefixes "Status 404: " and may append the JSON body.
        String line = message.strip().lines().findFirst().orElse("");
        int brace = line.indexOf("{\"message\":\"");
        if (brace >= 0) {
            int end = line.indexOf('"', brace + 12);
            return end > 0 ? line.substring(brace + 12, end) : line;
        }
        return line;
    }
}
