package dev.hoist.push;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What a transport calls to report a push: builds the {@link PushEvent}s for one target image and limits
 * {@link PushEvent.LayerUploading} to ten a second per layer (the first and the last, complete, update always
 * go). Safe to call from any thread; it never blocks.
 */
public final class PushProgress {

    /** The shortest time between two uploading updates of one layer: 100 ms, ten a second. */
    static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final PushProgress NONE = new PushProgress("", PushListener.NONE);

    private final String image;
    private final PushListener sink;
    private final ConcurrentHashMap<String, Long> lastUpdate = new ConcurrentHashMap<>();
    private final java.util.function.LongSupplier nanoClock;

    /**
     * @param image the target reference, {@code host[:port]/repository:tag}
     * @param sink where the events go; a {@link ProgressDispatcher} when a user's listener is behind it
     */
    public PushProgress(String image, PushListener sink) {
        this(image, sink, System::nanoTime);
    }

    PushProgress(String image, PushListener sink, java.util.function.LongSupplier nanoClock) {
        this.image = Objects.requireNonNull(image, "image");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.nanoClock = nanoClock;
    }

    /** Reports nothing. */
    public static PushProgress none() {
        return NONE;
    }

    /** Whether events go anywhere: with {@link #none()} a transport may skip the work of counting bytes. */
    public boolean enabled() {
        return this != NONE;
    }

    /** The target reference. */
    public String image() {
        return image;
    }

    /** @see PushEvent.PushStarted */
    public void started(String transport, List<PushEvent.Layer> layers) {
        emit(new PushEvent.PushStarted(image, transport, layers));
    }

    /** @see PushEvent.LayerChecking */
    public void checking(String id) {
        emit(new PushEvent.LayerChecking(image, id));
    }

    /** @see PushEvent.LayerExists */
    public void exists(String id, String digest, long size) {
        emit(new PushEvent.LayerExists(image, id, Optional.ofNullable(digest), size));
    }

    /** @see PushEvent.LayerMounted */
    public void mounted(String id, String digest, String from) {
        emit(new PushEvent.LayerMounted(image, id, Optional.ofNullable(digest), Optional.ofNullable(from)));
    }

    /**
     * An uploading update, dropped when the layer's last one went less than 100 ms ago, unless it is the first or
     * it completes the layer ({@code bytesDone == bytesTotal}).
     *
     * @see PushEvent.LayerUploading
     */
    public void uploading(String id, long bytesDone, long bytesTotal) {
        if (this == NONE) {
            return;
        }
        long now = nanoClock.getAsLong();
        Long last = lastUpdate.get(id);
        boolean complete = bytesTotal >= 0 && bytesDone >= bytesTotal;
        if (last != null && !complete && now - last < MIN_INTERVAL_NANOS) {
            return;
        }
        lastUpdate.put(id, now);
        emit(new PushEvent.LayerUploading(image, id, bytesDone, bytesTotal));
    }

    /** @see PushEvent.LayerDone */
    public void done(String id, String digest, long size) {
        emit(new PushEvent.LayerDone(image, id, Optional.ofNullable(digest), size));
    }

    /** @see PushEvent.LayerFailed */
    public void failed(String id, Throwable why) {
        String reason = why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage();
        emit(new PushEvent.LayerFailed(image, id, reason.lines().findFirst().orElse(reason)));
    }

    /** @see PushEvent.LayerFailed */
    public void failed(String id, String reason) {
        emit(new PushEvent.LayerFailed(image, id, reason));
    }

    /** @see PushEvent.ManifestPushed */
    public void manifest(String digest) {
        emit(new PushEvent.ManifestPushed(image, digest));
    }

    /** Passes any event on, as it is. */
    public void emit(PushEvent event) {
        if (this != NONE) {
            sink.onEvent(event);
        }
    }

    /**
     * {@code in}, reporting {@link PushEvent.LayerUploading} for {@code id} as its bytes are read; {@code in}
     * itself when nothing listens.
     *
     * @param total the layer's size in the unit of {@code in}'s bytes, -1 when not known
     */
    public InputStream counting(String id, long total, InputStream in) {
        if (this == NONE) {
            return in;
        }
        uploading(id, 0, total);
        return new FilterInputStream(in) {
            private long done;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    uploading(id, ++done, total);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    done += n;
                    uploading(id, done, total);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                done += skipped;
                return skipped;
            }
        };
    }
}
