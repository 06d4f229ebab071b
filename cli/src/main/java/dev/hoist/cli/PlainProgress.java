package dev.hoist.cli;

import dev.hoist.push.PushEvent;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code --progress=plain}: lines for CI logs, no escape codes. One line when the push starts, one per layer
 * state change, one every 10 % or 5 s per uploading layer, one for the manifest, and a summary.
 *
 * <pre>
 * push localhost:5000/app:1 through registry-api: 2 layers, 210.0 MB, to registry 'local' (localhost:5000, flavor default)
 * 3f1a2b3c4d5e checking
 * 3f1a2b3c4d5e uploading 0 B / 200.0 MB
 * 3f1a2b3c4d5e uploading 10% 20.0 MB / 200.0 MB 9.8 MB/s
 * 3f1a2b3c4d5e done 200.0 MB in 20.4 s
 * manifest sha256:...
 * Pushed localhost:5000/app:1 sha256:...: 2 layers (1 uploaded, 1 exist, 0 mounted), 61.2 MB sent in 21.0 s
 * </pre>
 */
final class PlainProgress implements ProgressOptions.Renderer {

    private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final PrintWriter err;
    private final LayerBoard board = new LayerBoard();
    private final Map<String, long[]> lastLine = new HashMap<>(); // id -> {decile, nanos}

    private final String target;

    PlainProgress(PrintWriter err) {
        this(err, "");
    }

    /** @param target the registry the push goes to, as {@code ContainerRegistry.describe()} says it; empty for none */
    PlainProgress(PrintWriter err, String target) {
        this.err = err;
        this.target = target;
    }

    @Override
    public void onEvent(PushEvent event) {
        LayerBoard.Row changed = board.apply(event);
        long now = System.nanoTime();
        if (event instanceof PushEvent.PushStarted started) {
            // The registry and its flavor come last, so that the line starts as it always has.
            line((LayerBoard.COPY.equals(started.transport()) ? "copy " + started.image()
                    : "push " + started.image() + " through " + started.transport())
                    + (started.layers().isEmpty() ? "" : ": " + LayerBoard.layers(started.layers()))
                    + (target.isEmpty() ? "" : (started.layers().isEmpty() ? ": " : ", ") + "to " + target));
        } else if (event instanceof PushEvent.LayerUploading uploading) {
            LayerBoard.Row row = board.rows.get(uploading.id());
            int decile = uploading.bytesTotal() > 0 ? (int) (10 * uploading.bytesDone() / uploading.bytesTotal()) : -1;
            long[] last = lastLine.get(uploading.id());
            if (changed != null || last == null || decile > last[0] || now - last[1] >= EVERY_NANOS) {
                lastLine.put(uploading.id(), new long[] {decile, now});
                String percent = decile >= 0 ? (100 * uploading.bytesDone() / uploading.bytesTotal()) + "% " : "";
                double rate = row.rate(now);
                line(LayerBoard.shortId(uploading.id()) + " uploading " + percent + LayerBoard.bytes(uploading.bytesDone())
                        + " / " + LayerBoard.bytes(uploading.bytesTotal())
                        + (rate > 0 ? " " + LayerBoard.bytes((long) rate) + "/s" : ""));
            }
        } else if (changed != null) {
            String detail = switch (changed.state) {
                case "done" -> changed.startNanos > 0 ? " " + LayerBoard.bytes(changed.done) + " in "
                        + LayerBoard.seconds(changed.endNanos - changed.startNanos) : "";
                case "failed", "mounted" -> changed.detail.isEmpty() ? "" : ": " + changed.detail;
                default -> "";
            };
            line(LayerBoard.shortId(changed.id) + " " + changed.state + detail);
        } else if (event instanceof PushEvent.ManifestPushed manifest) {
            line("manifest " + manifest.digest());
        } else if (event instanceof PushEvent.PushDone done) {
            line(LayerBoard.summary(done.result(), board.rows, LayerBoard.COPY.equals(board.transport)));
        }
        // PushFailed: no line here; the CLI reports the error itself, on one line.
    }

    private void line(String text) {
        err.println(text);
        err.flush();
    }
}
