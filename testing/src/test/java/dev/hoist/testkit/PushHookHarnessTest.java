package dev.hoist.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hoist.acme.AcmeFlavor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 24, item 17: the harness records pushes quietly; a recorded push is no reason for a warning. */
class PushHookHarnessTest {

    @Test
    void aRecordedPushLogsNoWarning() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            PushHookHarness harness = PushHookHarness.of(new AcmeFlavor());
            assertThat(harness.push("registry.acme.example/team", "registry.acme.example/team/app:1"))
                    .isEqualTo("registry.acme.example/team/app:1");
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
    }
}
