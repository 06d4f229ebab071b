package dev.hoist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * A run builds picocli's model only for the subcommand it names; help, an unknown word or no subcommand get them all.
 */
class SubcommandSelectionTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "flavors                              | flavors",
        "--verbose ref ubuntu                 | ref",
        "--config push.conf flavors           | flavors",
        "--config=push.conf validate x        | validate",
        "--plugins push validate x            | validate",
        "push --from docker-archive:flavors x | push",
        "help push                            | -",
        "pussh                                | -",
        "--help                               | -",
        "--config                             | -",
        "-- flavors                           | -",
    })
    void theFirstWordThatIsNoOptionOrOptionValueNamesTheSubcommand(String args, String expected) {
        assertThat(HoistCli.onlySubcommand(args.split(" "))).isEqualTo(Optional.ofNullable(expected));
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        HoistCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return out + err.toString();
    }

    @Test
    void helpListsEverySubcommandInOrder() {
        String help = run("--help");
        String[] names = {"flavors", "validate", "stacks", "ref", "push", "auth", "demo", "engine", "version", "help"};
        int at = help.indexOf("Commands:");
        assertThat(at).isPositive();
        for (String name : names) {
            int next = help.indexOf("\n  " + name + " ", at);
            assertThat(next).as(name + " listed after the one before it in:\n" + help).isGreaterThan(at);
            at = next;
        }
        assertThat(run("help", "push")).startsWith("Usage: hoist push ");
    }

    @Test
    void aSubcommandStillInheritsHoistsOptions() {
        assertThat(run("--config", "x.conf", "ref", "--help")).startsWith("Usage: hoist ref ")
                .contains("--config=FILE", "--plugins=DIR", "--verbose");
    }
}
