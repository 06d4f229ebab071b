package dev.hoist.docker;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import dev.hoist.push.DockerDaemonUnreachableException;
import dev.hoist.push.ImageNotFoundLocallyException;
import dev.hoist.push.PushException;
import dev.hoist.push.PushFailedException;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.push.RegistryUnreachableException;
import java.io.IOException;
import java.util.Locale;

/**
 * Turns what docker-java reports, a thrown exception or an error item in the push
 * stream, into one of Hoist's typed {@link PushException}s.
 */
final class DockerErrors {

    private DockerErrors() {
    }

    /** An exception thrown by docker-java while pushing {@code image}. */
    static PushException fromException(String image, String dockerHost, Throwable error) {
        if (error instanceof PushException typed) {
            return typed;
        }
        if (error instanceof NotFoundException) {
            return new ImageNotFoundLocallyException(image, error);
        }
        if (error instanceof UnauthorizedException) {
            return new RegistryAuthenticationException(image, firstLine(error.getMessage()));
        }
        if (error instanceof DockerException engineAnswered) {
            return fromEngineMessage(image, firstLine(engineAnswered.getMessage()), error);
        }
        if (hasCause(error, IOException.class)) {
            return new DockerDaemonUnreachableException(dockerHost, error);
        }
        return new PushFailedException(image, String.valueOf(error.getMessage()), error);
    }

    /** An error item in the push stream: the engine answered, but the push failed. */
    static PushException fromEngineMessage(String image, String message, Throwable cause) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (text.contains("does not exist locally") || text.contains("no such image")) {
            return new ImageNotFoundLocallyException(image, cause);
        }
        if (text.contains("unauthorized") || text.contains("authentication required") || text.contains("no basic auth credentials")
                || text.contains("denied") || text.contains("forbidden")) {
            return new RegistryAuthenticationException(image, message);
        }
        if (text.contains("connection refused") || text.contains("no such host") || text.contains("dial tcp")
                || text.contains("i/o timeout") || text.contains("connection reset")
                || text.contains("server gave http response to https client") || text.contains("tls: ")
                || text.contains("network is unreachable") || text.contains("eof")) {
            return new RegistryUnreachableException(image, message);
        }
        return new PushFailedException(image, message, cause);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
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
