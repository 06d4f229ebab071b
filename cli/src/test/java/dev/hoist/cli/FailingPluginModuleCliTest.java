package dev.hoist.cli;

import static dev.hoist.cli.CliRun.run;
import dev.hoist.cli.CliRun.Result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.testing.ModuleFailureJars;
import dev.hoist.testing.ModuleFailureJars.Failure;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 24, item 15, from the CLI: a plugin whose Guice module fails while it is set up is one line
 * naming the flavor, its class and its jar, never a stack trace or an internal error, and every
 * command that starts Hoist keeps working with the other flavors.
 */
class FailingPluginModuleCliTest {

    @TempDir
    Path dir;

    private Path plugins(Failure failure) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        ModuleFailureJars.bad(plugins.resolve("bad.jar"), failure);
        ModuleFailureJars.good(plugins.resolve("good.jar"));
        return plugins;
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void commandsThatStartHoistWorkWithTheOtherFlavors(Failure failure) throws Exception {
        Path plugins = plugins(failure);
        Path config = Files.writeString(dir.resolve("hoist.conf"), """
                hoist.registries.mine { flavor = good, uri = "localhost:5000/team" }
                hoist.stacks.dev { container-registry = mine }
                """);
        Result stacks = run("--plugins", plugins.toString(), "--config", config.toString(), "stacks");
        assertThat(stacks.err()).isEmpty();
        assertThat(stacks.out()).contains("dev");
        assertThat(stacks.code()).isZero();

        Result flavors = run("--plugins", plugins.toString(), "flavors");
        assertThat(flavors.out()).contains("good ").doesNotContain("bad ");
        assertThat(flavors.code()).isEqualTo(1); // a flavor jar could not be used
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aRegistryOfThatFlavorIsAConfigProblemOfOneLine(Failure failure) throws Exception {
        Path plugins = plugins(failure);
        Path config = Files.writeString(dir.resolve("hoist.conf"), "hoist.registries.x { flavor = bad, uri = \"localhost:5000\" }\n");
        Result result = run("--plugins", plugins.toString(), "--config", config.toString(), "stacks");
        String cause = failure == Failure.THROWS ? "java.lang.IllegalStateException: no bindings today"
                : "java.lang.NoClassDefFoundError: com/bad/Missing";
        assertThat(result.err().lines()).containsExactly("hoist: The configuration under hoist has a problem:",
                "  - hoist.registries.x.flavor (" + config + ":1): Flavor 'bad' (com.bad.Flavor from "
                + plugins.resolve("bad.jar") + ") failed in configure() of its module com.bad.BadModule: " + cause
                + ". Fix the flavor or remove its jar.");
        assertThat(result.code()).isEqualTo(2);
    }
}
