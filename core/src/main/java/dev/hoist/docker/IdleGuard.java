package dev.hoist.docker;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Enforces {@code hoist.docker.idle-timeout} on a blocking call to the engine. docker-java's unix socket
 * ignores socket read timeouts, so a call to an engine that accepts and never answers would block for ever;
 * the guard interrupts the calling thread once nothing has moved for the limit, which closes the socket
 * channel it is blocked on (an interruptible channel). Activity is what the guard is told of: the start of
 * the call, and each read of a request body or a response stream wrapped with {@link #watch(InputStream)}.
 */
final class IdleGuard implements AutoCloseable {

    private final long idleNanos;
    private final ScheduledFuture<?> check;
    private volatile Thread thread;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean fired;

    /**
     * Starts watching the calling thread.
     *
     * @param timer the engine's timer thread
     * @param idle the limit
     */
    IdleGuard(ScheduledExecutorService timer, Duration idle) {
        this.idleNanos = idle.toNanos();
        this.thread = Thread.currentThread();
        long period = Math.max(10, Math.min(1000, idle.toMillis() / 4));
        this.check = timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** Something moved. */
    void touch() {
        lastActivity = System.nanoTime();
    }

    /** Whether the guard gave up on the call. */
    boolean fired() {
        return fired;
    }

    /** A stream whose reads count as activity, for a request body. */
    InputStream watch(InputStream body) {
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                touch();
                return super.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                touch();
                int read = super.read(buffer, offset, length);
                touch();
                return read;
            }
        };
    }

    /**
     * A response stream read on any thread: each read is watched on its own, and closing the stream
     * ends the guard.
     */
    InputStream watchReads(InputStream response) {
        thread = null;
        return new FilterInputStream(response) {
            @Override
            public int read() throws IOException {
                begin();
                try {
                    return super.read();
                } finally {
                    end();
                }
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                begin();
                try {
                    return super.read(buffer, offset, length);
                } finally {
                    end();
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    IdleGuard.this.close();
                }
            }
        };
    }

    private void begin() throws IOException {
        if (fired) {
            throw new IOException("the read was given up after the idle timeout");
        }
        lastActivity = System.nanoTime();
        thread = Thread.currentThread();
    }

    private void end() {
        thread = null;
        lastActivity = System.nanoTime();
        if (fired) {
            Thread.interrupted(); // Clear the interrupt the guard sent.
        }
    }

    private void check() {
        Thread watched = thread;
        if (!fired && watched != null && System.nanoTime() - lastActivity > idleNanos) {
            fired = true;
            watched.interrupt();
        }
    }

    /** Stops watching; clears the interrupt the guard sent, if it fired, when called on the watched thread. */
    @Override
    public void close() {
        check.cancel(false);
        if (fired && Thread.currentThread() == thread) {
            Thread.interrupted();
        }
        thread = null;
    }
}
