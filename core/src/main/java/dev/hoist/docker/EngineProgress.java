package dev.hoist.docker;

import com.github.dockerjava.api.model.ResponseItem;
import dev.hoist.push.PushProgress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the engine's push stream (one JSON item per status line: {@code id}, {@code status},
 * {@code progressDetail.current/total}) to {@link PushProgress} events. The engine's status texts are those of
 * the Docker daemon's distribution code ("Preparing", "Waiting", "Pushing", "Pushed", "Layer already exists",
 * "Mounted from REPO"); Podman's Docker-compatible API sends fewer of them, and unknown ones are ignored.
 */
final class EngineProgress {

    private static final Pattern DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");
    private static final Pattern MOUNTED = Pattern.compile("Mounted from (\\S+)");

    private enum State { CHECKING, UPLOADING, FINISHED }

    private final PushProgress progress;
    private final Map<String, State> layers = new ConcurrentHashMap<>();
    private volatile boolean manifestReported;

    EngineProgress(PushProgress progress) {
        this.progress = progress;
    }

    void accept(ResponseItem item) {
        String status = item.getStatus();
        if (status == null || !progress.enabled()) {
            return;
        }
        String id = item.getId();
        Matcher digest = DIGEST.matcher(status);
        if (digest.find()) {
            if (!manifestReported) {
                manifestReported = true;
                progress.manifest(digest.group(1));
            }
            return;
        }
        if (id == null || id.isBlank() || status.startsWith("The push refers to")) {
            return;
        }
        String lower = status.toLowerCase(Locale.ROOT);
        State state = layers.get(id);
        if (state == State.FINISHED) {
            return;
        }
        if (state == null) {
            layers.put(id, State.CHECKING);
            progress.checking(id);
        }
        if (lower.startsWith("pushing")) {
            layers.put(id, State.UPLOADING);
            ResponseItem.ProgressDetail detail = item.getProgressDetail();
            if (detail != null && detail.getCurrent() != null) {
                long total = detail.getTotal() == null || detail.getTotal() <= 0 ? -1 : detail.getTotal();
                // The engine's total is the layer's size before compression; what it counts as sent may pass it
                // (small or incompressible layers). Past it, the total says nothing, so it is reported unknown.
                if (total >= 0 && detail.getCurrent() > total) {
                    total = -1;
                }
                progress.uploading(id, detail.getCurrent(), total);
            }
        } else if (lower.equals("pushed")) {
            layers.put(id, State.FINISHED);
            progress.done(id, null, -1);
        } else if (lower.startsWith("layer already exists")) {
            layers.put(id, State.FINISHED);
            progress.exists(id, null, -1);
        } else if (lower.startsWith("mounted from")) {
            layers.put(id, State.FINISHED);
            Matcher from = MOUNTED.matcher(status);
            progress.mounted(id, null, from.find() ? from.group(1) : null);
        }
    }

    /** The engine reported an error: every layer not finished failed with it. */
    void failed(String reason) {
        layers.forEach((id, state) -> {
            if (state != State.FINISHED) {
                layers.put(id, State.FINISHED);
                progress.failed(id, reason);
            }
        });
    }
}
