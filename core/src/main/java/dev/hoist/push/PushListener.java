package dev.hoist.push;

/**
 * Receives the progress of one push as {@link PushEvent}s.
 *
 * <p><b>Threads.</b> Events are produced on the push's own threads (upload threads, the engine stream's reader),
 * but a listener passed to {@code ContainerRegistry.push(source, target, listener)} is
 * called on one dispatcher thread per push ({@link ProgressDispatcher}), never on two threads at once, and in
 * the order the events happened. A slow listener cannot stall an upload: when it falls behind, intermediate
 * {@link PushEvent.LayerUploading} updates are dropped (the newest per layer is kept); state changes
 * (every other event) are never dropped. The push returns (or throws) after the listener has seen
 * {@link PushEvent.PushDone} (or {@link PushEvent.PushFailed}).
 *
 * <p>An exception a listener throws is logged and ignored: it never fails the push.
 */
@FunctionalInterface
public interface PushListener {

    /** A listener that ignores every event. */
    PushListener NONE = event -> { };

    /**
     * One event of the push.
     *
     * @param event never {@code null}
     */
    void onEvent(PushEvent event);
}
