package dev.hoist.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.ResponseItem;
import dev.hoist.push.PushEvent;
import dev.hoist.push.PushProgress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's push status lines as Hoist's progress events. */
class EngineProgressTest {

    private final List<PushEvent> events = new ArrayList<>();
    private final EngineProgress engine = new EngineProgress(new PushProgress("localhost:5000/app:1", events::add));

    private void line(String json) throws Exception {
        engine.accept(new ObjectMapper().readValue(json, ResponseItem.class));
    }

    private List<PushEvent.LayerUploading> uploading() {
        return events.stream().filter(PushEvent.LayerUploading.class::isInstance).map(PushEvent.LayerUploading.class::cast)
                .toList();
    }

    @Test
    void pushingLinesAreUploadsAndPushedIsDone() throws Exception {
        line("{\"status\":\"Preparing\",\"id\":\"abc\"}");
        line("{\"status\":\"Pushing\",\"id\":\"abc\",\"progressDetail\":{\"current\":512,\"total\":1024}}");
        line("{\"status\":\"Pushed\",\"id\":\"abc\"}");
        assertThat(events).map(event -> event.getClass().getSimpleName())
                .containsExactly("LayerChecking", "LayerUploading", "LayerDone");
        assertThat(uploading()).singleElement().satisfies(up -> {
            assertThat(up.bytesDone()).isEqualTo(512);
            assertThat(up.bytesTotal()).isEqualTo(1024);
        });
    }

    @Test
    void aCountPastTheEnginesTotalMakesTheTotalUnknownNotOver100Percent() throws Exception {
        // The engine's total is the uncompressed size; what it sends of a small layer can be more.
        line("{\"status\":\"Pushing\",\"id\":\"abc\",\"progressDetail\":{\"current\":3600,\"total\":2048}}");
        assertThat(uploading()).singleElement().satisfies(up -> {
            assertThat(up.bytesDone()).isEqualTo(3600);
            assertThat(up.bytesTotal()).isEqualTo(-1);
        });
    }
}
