package dev.hoist.cli;

import static dev.hoist.cli.CliRun.run;
import dev.hoist.cli.CliRun.Result;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue #15 item 7: every config, however malformed, is exit 2 and the usual report, one problem
 * per line with path and origin; and issue #17 with every built-in flavor on the class path.
 */
class ConfigShapeCliTest {

    private static final String NO_DAEMON = "hoist.docker.host = \"unix:///nonexistent/hoist-shape.sock\"\n";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            hoist = 5                                           | hoist (FILE:2): Expected an object of Hoist's settings
            hoist = null                                        | hoist (
            hoist = [1, 2]                                      | hoist (FILE:2): Expected an object of Hoist's settings
            hoist = "text"                                      | hoist (FILE:2): Expected an object of Hoist's settings
            hoist { registries = [1, 2] }                       | hoist.registries (FILE:2): Wrong value type
            hoist { registries = 5 }                            | hoist.registries (FILE:2): Wrong value type
            hoist { registries { a = [1] } }                    | hoist.registries.a (FILE:2): Expected an object { flavor = ..., uri = ... }
            hoist { registries { a { flavor = [x], uri = {} } } } | hoist.registries.a.flavor (FILE:2): Expected a string
            hoist { registries { local { flavor = default, uri = 5 } } } | hoist.registries.local.uri (FILE:2): Expected a string
            hoist.default-registry = 5                          | hoist.default-registry (FILE:2): Names registry '5', which is not configured
            hoist.default-registry = true                       | hoist.default-registry (FILE:2): Names registry 'true', which is not configured
            hoist.default-registry = [local]                    | hoist.default-registry (FILE:2): Expected the name of a registry
            hoist.default-registry = { a = 1 }                  | hoist.default-registry (FILE:2): Expected the name of a registry
            hoist.docker = 5                                    | hoist.docker (FILE:2): Wrong value type
            hoist.docker.host = [1]                             | hoist.docker.host (FILE:2): Expected a string
            hoist.docker.push-timeout = null                    | hoist.docker.push-timeout (FILE:2): Expected a string, like its default "30m"; found null.
            hoist.auth.helper-timeout = null                    | hoist.auth.helper-timeout (FILE:2): Expected a string, like its default "10s"; found null.
            hoist.docker.push-timeout = forever                 | hoist.docker.push-timeout (FILE:2): Expected a duration
            hoist.auth = null                                   | hoist.auth (FILE:2): Expected an object of settings, { helper-timeout }; found null.
            hoist.docker = null                                 | hoist.docker (FILE:2): Expected an object of settings
            hoist.stacks = 5                                    | hoist.stacks (FILE:2): Wrong value type
            hoist.stacks.prod = 5                               | hoist.stacks.prod (FILE:2): Expected an object { container-registry = <name> }
            hoist.plugins = [1]                                 | hoist.plugins (FILE:2): Wrong value type
            hoist.flavors = 5                                   | hoist.flavors (FILE:2): Wrong value type
            hoist.flavors.gitlab = 5                            | hoist.flavors.gitlab (FILE:2): Wrong value type
            hoist.flavors.gitlab.registry-defaults = 5          | hoist.flavors.gitlab.registry-defaults (FILE:2): Wrong value type
            hoist.registry-defaults = [1]                       | hoist.registry-defaults (FILE:2): Wrong value type
            hoist { registries { local { flavor = default, uri = "localhost:5000" } }, dcoker.host = x } | hoist.dcoker (FILE:2): Unknown setting 'dcoker'; Hoist does not read it. Did you mean 'docker'?
            hoist { registries {                                | hoist (FILE
            hoist.registries.local.uri = ${NOWHERE_HOIST_VAR}   | hoist (FILE:2):
            """)
    void everyMalformedConfigIsExitTwoWithTheUsualReport(String hocon, String problem) throws Exception {
        Path file = Files.writeString(dir.resolve("shape.conf"), NO_DAEMON + hocon + "\n");
        for (String[] command : List.of(new String[] {"stacks"}, new String[] {"push", "localhost:5000/app:1"})) {
            String[] args = new String[command.length + 2];
            args[0] = "--config";
            args[1] = file.toString();
            System.arraycopy(command, 0, args, 2, command.length);
            Result result = run(args);
            assertThat(result.code()).as(result.err()).isEqualTo(2);
            List<String> lines = result.err().lines().toList();
            assertThat(lines.get(0)).matches("hoist: The configuration under hoist has (a problem|\\d+ problems):");
            assertThat(lines.subList(1, lines.size())).as(result.err()).allMatch(line -> line.startsWith("  - "))
                    .anyMatch(line -> line.startsWith("  - " + problem.replace("FILE", file.toString())));
            assertThat(result.err()).doesNotContain("internal error").doesNotContain("\tat ").doesNotContain("Guice")
                    .doesNotContain("CreationException");
        }
    }

    @Test
    void aConfigNestedTwentyThousandLevelsDeepIsAConfigProblem() throws Exception {
        int depth = 20_000;
        Path file = Files.writeString(dir.resolve("deep.conf"), NO_DAEMON + "hoist.deep = " + "{ a = ".repeat(depth) + "1"
                + " }".repeat(depth) + "\n");
        for (String verbose : new String[] {"--quiet-placeholder", "--verbose"}) {
            Result result = verbose.equals("--verbose") ? run("--config", file.toString(), "--verbose", "stacks")
                    : run("--config", file.toString(), "stacks");
            assertThat(result.code()).isEqualTo(2);
            assertThat(result.err().lines().toList()).startsWith("hoist: The configuration under hoist has a problem:",
                    "  - hoist (" + file + "): The config is nested too deeply to read; Hoist's settings are a few levels"
                            + " deep. Look for an unclosed '{' or '[', or a generated file.");
            assertThat(result.err()).doesNotContain("StackOverflowError");
        }
    }

    /**
     * Issue #17 with every built-in flavor: every key the reference.conf files declare, each with a
     * valid value, is accepted (no false alarm), including each flavor's own keys such as gitlab's
     * {@code max-path-depth-below-project}. Built from reference.conf, so it cannot drift.
     */
    @Test
    void aConfigWithEveryDocumentedKeyOfEveryFlavorIsAccepted() throws Exception {
        Config reference = ConfigFactory.defaultReference(HoistCli.class.getClassLoader()).getConfig("hoist");
        // A valid URI for each built-in flavor, and a value for each key that has no default.
        Map<String, String> uris = Map.of("default", "localhost:5000", "azure", "myregistry.azurecr.io",
                "dockerhub", "docker.io/acme", "gcp", "gcr.io/my-project", "github", "ghcr.io/acme",
                "gitlab", "registry.gitlab.com/group/project");
        Map<String, Object> noDefault = Map.of("credentials", Map.of("username", "bot", "password", "p4ss"),
                "credentials-helper", "ecr-login");
        ConfigObject flavors = reference.getObject("flavors");
        assertThat(uris.keySet()).containsExactlyInAnyOrderElementsOf(flavors.keySet());
        Config config = ConfigFactory.parseString(NO_DAEMON);
        for (String flavor : flavors.keySet()) {
            Map<String, Object> registry = new TreeMap<>();
            for (String section : new String[] {"registry-defaults", "flavors." + flavor + ".registry-defaults"}) {
                reference.getObject(section).forEach((key, value) -> {
                    if (value.valueType() != ConfigValueType.NULL) {
                        registry.put(key, value.unwrapped());
                    } else if (!key.equals("uri")) {
                        assertThat(noDefault).as("a value for %s.%s, which has no default", section, key).containsKey(key);
                        registry.put(key, noDefault.get(key));
                    }
                });
            }
            registry.put("flavor", flavor);
            registry.put("uri", uris.get(flavor));
            config = config.withValue("hoist.registries." + flavor, ConfigValueFactory.fromMap(registry))
                    .withValue("hoist.stacks." + flavor + ".container-registry", ConfigValueFactory.fromAnyRef(flavor));
        }
        assertThat(config.getInt("hoist.registries.gitlab.max-path-depth-below-project")).isEqualTo(2);
        // Every other key as reference.conf has it, as if copied into the config file.
        config = config.withFallback(reference.atPath("hoist"));
        Path file = Files.writeString(dir.resolve("everything.conf"), config.root().render(ConfigRenderOptions.concise()));
        Result result = run("--config", file.toString(), "stacks");
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        assertThat(result.out().lines()).hasSize(flavors.size()).allMatch(line -> line.startsWith("valid "));
    }

    @Test
    void aTypoOfAFlavorsOwnKeyIsRefusedWithTheNearKey() throws Exception {
        Path file = Files.writeString(dir.resolve("typo.conf"), NO_DAEMON + """
                hoist.registries.gl { flavor = gitlab, uri = "registry.gitlab.com/g/p", max-path-depth-below-projet = 3 }
                hoist.registries.gh { flavor = github, uri = "ghcr.io/acme", max-path-depth-below-project = 3 }
                """);
        Result result = run("--config", file.toString(), "stacks");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().lines()).containsExactly("hoist: The configuration under hoist has 2 problems:",
                "  - hoist.registries.gh.max-path-depth-below-project (" + file + ":3): Unknown setting"
                        + " 'max-path-depth-below-project'; Hoist does not read it. Known here: ca-file, credentials,"
                        + " credentials-helper, disabled-credential-sources, flavor, insecure, transport, uri.",
                "  - hoist.registries.gl.max-path-depth-below-projet (" + file + ":2): Unknown setting"
                        + " 'max-path-depth-below-projet'; Hoist does not read it. Did you mean 'max-path-depth-below-project'?");
    }
}
