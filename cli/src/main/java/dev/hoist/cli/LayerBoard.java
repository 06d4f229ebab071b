package dev.hoist.cli;

import dev.hoist.push.TransportName;
import dev.hoist.push.PushEvent;
import dev.hoist.push.PushResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the CLI's renderers know of a push: per layer its state, bytes and rate. Used on one thread. */
final class LayerBoard {

    /** One layer's view. */
    static final class Row {
        final String id;
        String state = "waiting";
        long done;
        long total;
        long startNanos;
        long endNanos;
        String detail = "";

        Row(String id, long total) {
            this.id = id;
            this.total = total;
        }

        /** Bytes a second since the upload started, 0 before. */
        double rate(long now) {
            long end = endNanos > 0 ? endNanos : now;
            double seconds = (end - startNanos) / 1e9;
            return startNanos == 0 || seconds <= 0.05 ? 0 : done / seconds;
        }

        boolean finished() {
            return state.equals("done") || state.equals("exists") || state.equals("mounted") || state.equals("failed");
        }
    }

    final Map<String, Row> rows = new LinkedHashMap<>();
    String image = "";
    String transport = "";
    final long startNanos = System.nanoTime();

    /**
     * Applies {@code event}.
     *
     * @return the layer row whose state changed, or {@code null} when none did (or the event is not a layer's)
     */
    Row apply(PushEvent event) {
        image = event.image();
        if (event instanceof PushEvent.PushStarted started) {
            transport = started.transport();
            started.layers().forEach(layer -> rows.put(layer.id(), new Row(layer.id(), layer.size())));
            return null;
        }
        if (event.layer().isEmpty()) {
            return null;
        }
        Row row = rows.computeIfAbsent(event.layer().get(), id -> new Row(id, -1));
        String before = row.state;
        long now = System.nanoTime();
        if (event instanceof PushEvent.LayerChecking) {
            row.state = "checking";
        } else if (event instanceof PushEvent.LayerExists) {
            row.state = "exists";
        } else if (event instanceof PushEvent.LayerMounted mounted) {
            row.state = "mounted";
            row.detail = mounted.from().map(from -> "from " + from).orElse("");
        } else if (event instanceof PushEvent.LayerUploading uploading) {
            if (row.startNanos == 0) {
                row.startNanos = now;
            }
            row.state = "uploading";
            row.done = uploading.bytesDone();
            if (uploading.bytesTotal() >= 0) {
                row.total = uploading.bytesTotal();
            }
        } else if (event instanceof PushEvent.LayerDone done) {
            row.state = "done";
            row.endNanos = now;
            if (row.total >= 0 && row.startNanos > 0) {
                row.done = row.total;
            }
        } else if (event instanceof PushEvent.LayerFailed failed) {
            row.state = "failed";
            row.endNanos = now;
            row.detail = failed.reason();
        }
        return before.equals(row.state) ? null : row;
    }

    /** The first 12 hex digits of a digest (as {@code docker push} shows them), or the id as it is. */
    static String shortId(String id) {
        int colon = id.indexOf(':');
        String hex = colon >= 0 ? id.substring(colon + 1) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    /** {@code 12.3 MB}, in decimal units like the docker CLI's. */
    static String bytes(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /**
     * {@code "2 layers, 210.0 MB"}: the count, and the total size when every layer's size is known (a stream,
     * such as the engine's save stream or a gzip archive, tells sizes only as it goes).
     */
    static String layers(List<PushEvent.Layer> layers) {
        boolean known = layers.stream().allMatch(layer -> layer.size() >= 0);
        return count(layers.size()) + (known ? ", " + bytes(layers.stream().mapToLong(PushEvent.Layer::size).sum()) : "");
    }

    /** {@code "1 layer"}, {@code "2 layers"}. */
    private static String count(int layers) {
        return layers + (layers == 1 ? " layer" : " layers");
    }

    /**
     * The summary line printed at the end of a successful push. The bytes sent are the registry-API transport's
     * count; the engine does not report what it sent, so an engine push says "by the engine" instead.
     */
    static String summary(PushResult result, Map<String, Row> rows) {
        return summary(result, rows, false);
    }

    /** The transport name a copy reports in {@link PushEvent.PushStarted}: its lines say "copy", not "push". */
    static final String COPY = "copy";

    /**
     * As {@link #summary(PushResult, Map)}, for a copy when {@code copy}: {@code Copied IMAGE DIGEST: N blobs (…
     * copied, … exist, … mounted), … sent in … s}.
     */
    static String summary(PushResult result, Map<String, Row> rows, boolean copy) {
        long uploaded = rows.values().stream().filter(r -> r.state.equals("done")).count();
        long exists = rows.values().stream().filter(r -> r.state.equals("exists")).count();
        long mounted = rows.values().stream().filter(r -> r.state.equals("mounted")).count();
        double seconds = result.durationMs() / 1000.0;
        boolean engine = TransportName.ENGINE.configName().equals(result.transport());
        String how = engine ? "by the engine" : bytes(result.bytesUploaded()) + " sent";
        String rate = !engine && result.bytesUploaded() > 0 && seconds > 0
                ? ", " + bytes((long) (result.bytesUploaded() / seconds)) + "/s" : "";
        // Podman's engine API reports no layers while it pushes: say nothing of them rather than "0 layers".
        String layers = rows.isEmpty() ? "" : String.format(Locale.ROOT, "%s (%d %s, %d exist, %d mounted), ",
                copy ? rows.size() + (rows.size() == 1 ? " blob" : " blobs") : count(rows.size()), uploaded,
                copy ? "copied" : "uploaded", exists, mounted);
        return String.format(Locale.ROOT, "%s %s %s: %s%s in %.1f s%s", copy ? "Copied" : "Pushed", result.image(),
                result.digest(), layers, how, seconds, rate);
    }
}
