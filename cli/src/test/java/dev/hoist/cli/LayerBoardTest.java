package dev.hoist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.push.TransportName;
import dev.hoist.push.PushEvent;
import dev.hoist.push.PushResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary line at the end of a push: counts, grammar, and bytes only where the transport counted them. */
class LayerBoardTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private static Map<String, LayerBoard.Row> rows(String... states) {
        Map<String, LayerBoard.Row> rows = new LinkedHashMap<>();
        for (int i = 0; i < states.length; i++) {
            LayerBoard.Row row = new LayerBoard.Row("layer" + i, 1000);
            row.state = states[i];
            rows.put(row.id, row);
        }
        return rows;
    }

    private static PushResult result(String transport, long bytes) {
        return new PushResult("localhost:5000/app:1", DIGEST, "application/vnd.oci.image.manifest.v1+json", 400,
                transport, List.of(), bytes, 2000);
    }

    @Test
    void aRegistryApiPushSaysWhatItSentAndHowFast() {
        assertThat(LayerBoard.summary(result(TransportName.REGISTRY_API.configName(), 4_000_000), rows("done", "exists", "mounted")))
                .isEqualTo("Pushed localhost:5000/app:1 " + DIGEST
                        + ": 3 layers (1 uploaded, 1 exist, 1 mounted), 4.0 MB sent in 2.0 s, 2.0 MB/s");
    }

    @Test
    void aCopySaysCopiedAndCountsBlobs() {
        assertThat(LayerBoard.summary(result(TransportName.REGISTRY_API.configName(), 4_000_000),
                rows("done", "exists", "mounted"), true))
                .startsWith("Copied localhost:5000/app:1 sha256:").contains(": 3 blobs (1 copied, 1 exist, 1 mounted), ");
    }

    @Test
    void anEnginePushClaimsNoBytesSinceTheEngineReportsNone() {
        assertThat(LayerBoard.summary(result(TransportName.ENGINE.configName(), 0), rows("done")))
                .isEqualTo("Pushed localhost:5000/app:1 " + DIGEST + ": 1 layer (1 uploaded, 0 exist, 0 mounted), by the"
                        + " engine in 2.0 s")
                .doesNotContain("0 B");
    }

    @Test
    void anEnginePushWithoutLayerReportsSaysNothingOfLayers() {
        // Podman's engine API sends no per-layer lines.
        assertThat(LayerBoard.summary(result(TransportName.ENGINE.configName(), 0), rows()))
                .isEqualTo("Pushed localhost:5000/app:1 " + DIGEST + ": by the engine in 2.0 s");
    }

    @Test
    void theStartLineGivesTheTotalSizeOnlyWhenEveryLayersSizeIsKnown() {
        assertThat(LayerBoard.layers(List.of(new PushEvent.Layer("a", 1_000_000), new PushEvent.Layer("b", 500_000))))
                .isEqualTo("2 layers, 1.5 MB");
        assertThat(LayerBoard.layers(List.of(new PushEvent.Layer("a", -1)))).isEqualTo("1 layer");
        assertThat(LayerBoard.layers(List.of(new PushEvent.Layer("a", 1_000_000), new PushEvent.Layer("b", -1))))
                .isEqualTo("2 layers");
    }
}
