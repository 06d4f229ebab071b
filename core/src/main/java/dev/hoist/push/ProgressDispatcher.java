package dev.hoist.push;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a push's events to a {@link PushListener} on one dispatcher thread of its own, so that the push's
 * threads never wait for the listener.
 *
 * <p>State changes (every event but {@link PushEvent.LayerUploading}) are queued and never dropped; a push has a
 * handful per layer, so their queue is bounded by the image's layer count. Uploading updates are coalesced: at
 * most one per layer waits, and a newer one replaces it, so a listener that falls behind sees fewer updates, never
 * an upload that waits. An uploading update still waiting when its layer changes state is dropped, so a listener
 * never sees bytes for a layer after it is done or failed.
 *
 * <p>{@link #close()} waits until the listener has seen every queued event, then ends the thread.
 */
public final class ProgressDispatcher implements PushListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressDispatcher.class);
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final Object END = new Object();

    /** Marks that the newest uploading update of a layer waits in {@link #latest}. */
    private record Pending(String layer) {
    }

    private final PushListener listener;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final ConcurrentHashMap<String, PushEvent.LayerUploading> latest = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts the dispatcher thread (a daemon thread named {@code hoist-progress-N}).
     *
     * @param listener called on the dispatcher thread, one event at a time
     */
    public ProgressDispatcher(PushListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.thread = new Thread(this::run, "hoist-progress-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code event}; never blocks. Events after {@link #close()} are ignored. */
    @Override
    public void onEvent(PushEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            return;
        }
        if (event instanceof PushEvent.LayerUploading uploading) {
            if (latest.put(uploading.id(), uploading) == null) {
                queue.add(new Pending(uploading.id()));
            }
            return;
        }
        event.layer().ifPresent(latest::remove);
        queue.add(event);
    }

    private void run() {
        while (true) {
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException interrupted) {
                return;
            }
            if (next == END) {
                return;
            }
            PushEvent event = next instanceof Pending pending ? latest.remove(pending.layer()) : (PushEvent) next;
            if (event == null) {
                continue; // dropped: its layer changed state since
            }
            try {
                listener.onEvent(event);
            } catch (RuntimeException | Error failed) {
                LOG.warn("A push listener failed on {}; the push goes on: {}", event.getClass().getSimpleName(),
                        String.valueOf(failed));
            }
        }
    }

    /**
     * Waits until the listener has seen every event queued so far, then ends the dispatcher thread.
     * Returns at once on an interrupt, keeping the interrupt.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(END);
        try {
            thread.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
