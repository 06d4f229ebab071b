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
    private volatile Throwable failure;
    private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    private final EngineProgress progress;

    PushStream() {
        this(dev.hoist.push.PushProgress.none());
    }

    PushStream(dev.hoist.push.PushProgress progress) {
        this.progress = new EngineProgress(progress);
    }

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

    /**
     * The stream broke: the failure is kept for {@link #failure()} and reported typed by the engine; not logged
     * here, unlike the template's ERROR with a stack trace.
     */
    @Override
    public void onError(Throwable error) {
        if (failure == null) {
            failure = error;
        }
        done.countDown();
        closeQuietly();
    }

    @Override
    public void onComplete() {
        done.countDown();
        super.onComplete();
    }

    /**
     * Waits for the stream to end, by completion or failure. Unlike {@code awaitCompletion(timeout)}, it does not
     * close the stream when the time is up, so it can be called again.
     *
     * @return whether the stream ended within {@code nanos}
     */
    boolean awaitEnd(long nanos) throws InterruptedException {
        return done.await(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** How the stream broke, if it did: an I/O or parse failure, as opposed to an error item. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
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
                progress.failed(error);
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
            progress.accept(item);
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
