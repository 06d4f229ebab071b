package dev.hoist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} on every subcommand prints its usage and exits 0. */
class SubcommandHelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"flavors", "validate", "stacks", "ref", "push", "auth", "demo", "engine"})
    void helpWorksOnEverySubcommand(String command) {
        for (String flag : new String[] {"--help", "-h"}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = HoistCli.run(new String[] {command, flag}, new PrintWriter(out, true), new PrintWriter(err, true));
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).startsWith("Usage: hoist " + command);
            assertThat(err.toString()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"push", "demo"})
    void pushAndDemoDocumentProgressAndDigestFile(String command) {
        StringWriter out = new StringWriter();
        HoistCli.run(new String[] {command, "--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(out.toString()).contains("--progress=MODE").contains("auto", "tty", "plain", "quiet")
                .contains("--digest-file=PATH");
    }
}
