package dev.hoist.transport.copy;

import dev.hoist.push.PushException;
import dev.hoist.push.PushCancelledException;
import dev.hoist.spi.HoistException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The blob tasks of one push or copy on the transport's upload pool: started, awaited (interruptibly, the first
 * failure rethrown typed), and drained after a failure or a cancellation so that cleaning up waits for them.
 */
public final class BlobTasks {

    /** How long a cancelled push waits for its uploads to stop before cancelling their sessions. */
    private static final long CANCEL_DRAIN_SECONDS = 5;

    private final Executor uploads;
    private final Runnable abort;
    /** Every task this push awaited, so a failed or cancelled push can wait for them before cleaning up. */
    private final Queue<CompletableFuture<?>> tasks = new ConcurrentLinkedQueue<>();

    /**
     * @param uploads the transport's upload pool
     * @param abort cuts the push's requests in flight; run when the awaiting thread is interrupted
     */
    public BlobTasks(Executor uploads, Runnable abort) {
        this.uploads = uploads;
        this.abort = abort;
    }

    public <T> CompletableFuture<T> supply(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, uploads);
    }

    public CompletableFuture<Void> run(Runnable task) {
        return CompletableFuture.runAsync(task, uploads);
    }

    /** Waits for every future, interruptibly; then throws the first failure, typed. */
    public void awaitAll(List<? extends CompletableFuture<?>> futures) {
        tasks.addAll(futures);
        try {
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort.run();
            throw new PushCancelledException("Push cancelled", e);
        } catch (ExecutionException e) {
            rethrowFirstFailure(futures);
        }
    }

    /** Waits (bounded) for every awaited task to end, after the push's requests were aborted. */
    public void drain() {
        boolean interrupted = Thread.interrupted();
        try {
            CompletableFuture.allOf(tasks.toArray(new CompletableFuture<?>[0])).get(CANCEL_DRAIN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException ignored) {
            // Failures are the tasks' own; what matters is that they ended.
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for every future; then throws the first failure, typed. Nothing is left running. */
    private static void rethrowFirstFailure(List<? extends CompletableFuture<?>> futures) {
        try {
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
        } catch (CompletionException | CancellationException e) {
            for (CompletableFuture<?> future : futures) {
                try {
                    future.join();
                } catch (CompletionException failed) {
                    Throwable cause = failed.getCause();
                    if (cause instanceof HoistException hoist) {
                        throw hoist;
                    }
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw PushException.failed("(registry-api)", String.valueOf(cause), cause);
                }
            }
            throw e;
        }
    }
}
