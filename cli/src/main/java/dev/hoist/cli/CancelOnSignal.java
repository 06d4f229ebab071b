package dev.hoist.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM while a command runs: a shutdown hook interrupts the command's thread and waits (up to
 * {@link #GRACE_SECONDS}) for it to end, so a push stops its uploads and cancels its open upload sessions before the
 * JVM exits. The JVM exits 130 after SIGINT (128 + 2), 143 after SIGTERM.
 */
final class CancelOnSignal {

    /** How long a signalled command may take to clean up before the JVM exits anyway. */
    static final long GRACE_SECONDS = 10;

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean finished;

    private CancelOnSignal() {
    }

    /** Registers the hook for {@code command}, the thread that runs the command. */
    static CancelOnSignal install(Thread command) {
        CancelOnSignal cancel = new CancelOnSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (cancel.finished) {
                return;
            }
            command.interrupt();
            try {
                cancel.done.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hoist-cancel"));
        return cancel;
    }

    /** The command ended (its output is flushed): the hook has nothing to wait for. */
    void finished() {
        finished = true;
        done.countDown();
    }
}
