package dev.hoist.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the engine's push stream. Unlike a bare {@code ResultCallback.Adapter}, it keeps
 * the error items the engine sends in-band, so that a failed push cannot look like success,
 * and it keeps the manifest digest the engine reports at the end.
 */
final class PushStream extends ResultCallback.Adapter<PushResponseItem> {

    private static final Logger LOG = LoggerFactory.getLogger(PushStream.class);
    private static final Pattern DIGEST_IN_STATUS = Pattern.compile("digest: (sha256:[0-9a-f]{64})");

    private volatile String digest;
    private volatile String error;
    private volatile String lastStatus;
    private volatile long lastActivityNanos = System.nanoTime();

    @Override
    public void onStart(java.io.Closeable stream) {
        lastActivityNanos = System.nanoTime();
        super.onStart(stream);
    }

    @Override
    public void onNext(PushResponseItem item) {
        lastActivityNanos = System.nanoTime();
        accept(item);
    }

    /** When the engine last sent something (the response's start, or an item), in {@link System#nanoTime()} terms. */
    long lastActivityNanos() {
        return lastActivityNanos;
    }

    /** Closes the stream, ignoring a failure to close: used when the push has already failed. */
    void closeQuietly() {
        try {
            close();
        } catch (java.io.IOException | RuntimeException ignored) {
            LOG.debug("Closing the push stream failed", ignored);
        }
    }

    void accept(ResponseItem item) {
        if (item.isErrorIndicated()) {
            String message = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage() : item.getError();
            if (error == null) {
                error = message == null ? "the engine reported an error without a message" : message;
            }
            return;
        }
        if (item.getAux() != null && item.getAux().getDigest() != null) {
            digest = item.getAux().getDigest();
        }
        String status = item.getStatus();
        if (status != null) {
            Matcher inStatus = DIGEST_IN_STATUS.matcher(status);
            if (digest == null && inStatus.find()) {
                digest = inStatus.group(1);
            }
            // Layer progress ticks many times a second; log status changes, not ticks.
            String line = item.getId() == null ? status : item.getId() + ": " + status;
            if (item.getProgress() == null && !line.equals(lastStatus)) {
                LOG.info("{}", line);
            }
            lastStatus = line;
        }
    }

    /** The first error item's message, if the engine sent one. */
    Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** The pushed manifest's digest, if the engine reported one. */
    Optional<String> digest() {
        return Optional.ofNullable(digest);
    }
}
