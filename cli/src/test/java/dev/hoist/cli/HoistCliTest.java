package dev.hoist.cli;

import static dev.hoist.cli.CliRun.run;
import dev.hoist.cli.CliRun.Result;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's contracts, run in-process: output lines, JSON fields and exit codes. */
class HoistCliTest {

    @TempDir
    Path dir;

    @Test
    void validateJsonPrintsOneObjectPerUriAndExitsOneWhenAnyIsInvalid() {
        Result result = run("validate", "--flavor", "default", "--json", "localhost:5000/", "https://ghcr.io/owner", "Example.COM/team");
        assertThat(result.out().lines()).containsExactly(
                "{\"uri\":\"localhost:5000/\",\"valid\":true,\"normalized\":\"localhost:5000\"}",
                "{\"uri\":\"https://ghcr.io/owner\",\"valid\":false,\"error\":\"Registry URI 'https://ghcr.io/owner' has a scheme"
                        + " ('https://'); registry URIs name a host and path only. Did you mean 'ghcr.io/owner'?\"}",
                "{\"uri\":\"Example.COM/team\",\"valid\":true,\"normalized\":\"example.com/team\"}");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void validateExitsZeroWhenEveryUriIsValid() {
        Result result = run("validate", "--flavor", "default", "localhost:5000", "registry.example.com/a/b");
        assertThat(result.code()).isZero();
        assertThat(result.out().lines()).containsExactly(
                "valid    localhost:5000 -> localhost:5000",
                "valid    registry.example.com/a/b -> registry.example.com/a/b");
    }

    @Test
    void anUnknownFlavorIsAUsageErrorListingTheAvailableOnes() {
        Result result = run("validate", "--flavor", "azur", "--json", "x.azurecr.io");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().strip()).isEqualTo("hoist: Unknown container-registry flavor 'azur'. Available: azure,"
                + " default, dockerhub, gcp, github, gitlab."
                + " To use 'azur', put its jar in a plugins directory: --plugins DIR, or hoist.plugins.directory in the config.");
    }

    @Test
    void missingArgumentsAreUsageErrors() {
        assertThat(run("validate", "--flavor", "default").code()).isEqualTo(2);
        assertThat(run("validate", "localhost:5000").code()).isEqualTo(2);
        assertThat(run("push").code()).isEqualTo(2);
        assertThat(run("no-such-command").code()).isEqualTo(2);
        assertThat(run("demo", "--payload-bytes", "0").code()).isEqualTo(2);
    }

    @Test
    void flavorsJsonNamesTheJarOfEachFlavor() {
        Result result = run("flavors", "--json");
        assertThat(result.code()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(6);
        String[] names = {"azure", "default", "dockerhub", "gcp", "github", "gitlab"};
        // Issue 22: "hosts" comes last, the patterns each flavor claims; every earlier field keeps its place.
        String[] hosts = {"[\"*.azurecr.io\",\"*.azurecr.cn\",\"*.azurecr.us\"]", "[]", "[\"docker.io\"]",
                "[\"gcr.io\",\"*.gcr.io\",\"*-docker.pkg.dev\"]", "[\"ghcr.io\"]", "[\"registry.gitlab.com\"]"};
        for (int i = 0; i < names.length; i++) {
            assertThat(lines.get(i))
                    .startsWith("{\"name\":\"" + names[i] + "\",\"type\":\"container-registry\",")
                    .containsPattern("\"docs\":\"https://[^\"]+\"")
                    .containsPattern("\"jar\":\"hoist-flavor-" + names[i] + "-[^\"]+\\.jar\"")
                    .containsPattern("\"location\":\"[^\"]+\",\"hosts\":" + java.util.regex.Pattern.quote(hosts[i]) + "}$");
        }
    }

    @Test
    void flavorsNamesTheHostsEachFlavorClaims() {
        Result result = run("flavors");
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("           hosts: ghcr.io\n")
                .contains("           hosts: gcr.io, *.gcr.io, *-docker.pkg.dev\n")
                .contains("           hosts: none claimed\n");
    }

    @Test
    void aMissingPluginsDirectoryIsAUsageError() {
        Result result = run("--plugins", dir.resolve("absent").toString(), "flavors");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("hoist: The plugins directory " + dir.resolve("absent")
                + " does not exist or is not a directory (hoist.plugins.directory or --plugins).");
    }

    @Test
    void anInvalidConfigFileIsAUsageErrorWithEveryProblemAndNoStackTrace() throws Exception {
        Path config = dir.resolve("bad.conf");
        Files.writeString(config, "hoist.registries.x { flavor = nope, uri = \"http://a\" }\nhoist.default-registry = y\n");
        // Issue 22: push takes the registry that owns its IMAGE, so the default registry is what auth (without
        // --registry or --image) and demo use.
        Result result = run("auth", "--config", config.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("hoist: The configuration under hoist has 2 problems:")
                .contains("hoist.registries.x.flavor (" + config + ":1): Unknown flavor 'nope'")
                .contains("hoist.default-registry (" + config + ":2)")
                .doesNotContain("\tat ");
    }

    @Test
    void stacksJsonListsEachStackWithItsComponentsAndExitsZeroWhenAllAreValid() throws Exception {
        Path config = dir.resolve("stacks.conf");
        Files.writeString(config, String.join("\n",
                "hoist.registries.ghcr { flavor = github, uri = \"ghcr.io/acme\" }",
                "hoist.stacks.dev { container-registry = local }",
                "hoist.stacks.prod { container-registry = ghcr }"));
        Result result = run("stacks", "--json", "--config", config.toString());
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        assertThat(result.out().lines().toList()).containsExactly(
                "{\"stack\":\"dev\",\"valid\":true,\"components\":{\"container-registry\":\"local\"},\"errors\":[]}",
                "{\"stack\":\"prod\",\"valid\":true,\"components\":{\"container-registry\":\"ghcr\"},\"errors\":[]}");
        Result text = run("stacks", "--config", config.toString());
        assertThat(text.out().lines().toList()).containsExactly("valid    dev  container-registry=local",
                "valid    prod  container-registry=ghcr");
    }

    @Test
    void stacksExitsOneWhenAnyStackIsInvalidAndSaysWhy() throws Exception {
        Path config = dir.resolve("stacks.conf");
        Files.writeString(config, String.join("\n",
                "hoist.stacks.dev { container-registry = local }",
                "hoist.stacks.broken { container-registry = staging }"));
        Result result = run("stacks", "--json", "--config", config.toString());
        assertThat(result.code()).isEqualTo(1);
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("{\"stack\":\"broken\",\"valid\":false,\"components\":{\"container-registry\":\"staging\"},"
                + "\"errors\":[\"hoist.stacks.broken.container-registry (" + config + ":2): Stack 'broken' names container-registry"
                + " 'staging', which is not configured. Configured under hoist.registries: local.\"]}");
        assertThat(lines.get(1)).startsWith("{\"stack\":\"dev\",\"valid\":true");
        Result text = run("stacks", "--config", config.toString());
        assertThat(text.code()).isEqualTo(1);
        assertThat(text.out()).startsWith("invalid  broken  container-registry=staging\n    hoist.stacks.broken.container-registry");
        assertThat(run("stacks", "--bogus").code()).isEqualTo(2);
        // A key that is no component type is a typo in the config (issue #17): exit 2, before any stack is looked at.
        Files.writeString(config, "hoist.stacks.broken { container-registry = local, orchestrator = k8s }");
        Result unknownType = run("stacks", "--config", config.toString());
        assertThat(unknownType.code()).isEqualTo(2);
        assertThat(unknownType.err().lines()).containsExactly("hoist: The configuration under hoist has a problem:",
                "  - hoist.stacks.broken.orchestrator (" + config + ":1): Unknown component type 'orchestrator'."
                        + " Known here: container-registry.");
    }

    @Test
    void anUnknownRegistryIsAUsageError() {
        Result result = run("push", "--registry", "staging", "localhost:5000/app:1");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("hoist: No registry named 'staging' is configured. Configured registries:"
                + " local. Add it as hoist.registries.staging { flavor = ..., uri = ... }.");
    }

    @Test
    void anInvalidImageArgumentFailsThePushWithExitOneAndOneLine() {
        // Exit 1, as since 0.1 (AtArgumentTest pins it too): the README lists an invalid IMAGE among push failures.
        Result result = run("push", "localhost:5000/App:1");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().lines()).singleElement().asString().startsWith("hoist: Invalid image reference")
                .contains("localhost:5000/App:1");
    }

    @Test
    void aDigestFileThatCanNeverBeWrittenIsAUsageErrorBeforeAnyPush() {
        // localhost:50001 is no registry: a push would fail otherwise; the usage error comes first.
        Result empty = run("push", "--digest-file", "", "localhost:50001/app:1");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err().strip()).isEqualTo("hoist: --digest-file: the path is empty (see 'hoist push --help')");
        Result directory = run("demo", "--digest-file", dir.toString());
        assertThat(directory.code()).isEqualTo(2);
        assertThat(directory.err().strip()).isEqualTo("hoist: --digest-file: " + dir
                + " is a directory; name a file in it (see 'hoist demo --help')");
    }

    @Test
    void anEmptyDefaultRegistryIsAUsageErrorWhenNoRegistryIsNamed() throws Exception {
        Path config = java.nio.file.Files.writeString(dir.resolve("empty-default.conf"), "hoist.default-registry = \"\"\n");
        // Issue 22: push takes the registry that owns its IMAGE, so the default registry is what auth (without
        // --registry or --image) and demo use.
        Result result = run("auth", "--config", config.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("hoist: No default registry: hoist.default-registry is empty. Name a"
                + " registry, or set hoist.default-registry to one of: local.");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Result result = run("push", "--verbose", "--registry", "staging", "localhost:5000/app:1");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("hoist: No registry named 'staging'").contains("\tat dev.hoist.");
    }

    @Test
    void aForeignImageFailsWithOneLineNamingBoth() {
        // Issue 22: without --registry, localhost:50001 gets an implicit registry; --registry keeps the strict check.
        Result result = run("push", "--registry", "local", "localhost:50001/app:1");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().lines()).singleElement().asString()
                .startsWith("hoist: Image 'localhost:50001/app:1' does not belong to container registry 'local' (localhost:5000).");
    }

    @Test
    void refJsonPrintsOneObjectPerInputWithNullsForMissingParts() {
        Result result = run("ref", "--json", "ubuntu", "localhost:5000/team/app:1.0@sha256:" + "a".repeat(64), "Foo/Bar");
        assertThat(result.code()).isEqualTo(1);
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("{\"input\":\"ubuntu\",\"registry\":\"docker.io\",\"repository\":\"library/ubuntu\","
                + "\"tag\":null,\"digest\":null,\"canonical\":\"docker.io/library/ubuntu\"}");
        assertThat(lines.get(1)).isEqualTo("{\"input\":\"localhost:5000/team/app:1.0@sha256:" + "a".repeat(64)
                + "\",\"registry\":\"localhost:5000\",\"repository\":\"team/app\",\"tag\":\"1.0\",\"digest\":\"sha256:"
                + "a".repeat(64) + "\",\"canonical\":\"localhost:5000/team/app:1.0@sha256:" + "a".repeat(64) + "\"}");
        assertThat(lines.get(2)).startsWith("{\"input\":\"Foo/Bar\",\"error\":\"Invalid image reference 'Foo/Bar':");
    }

    @Test
    void refWithUriSaysWhetherEachBelongsIncludingTheSeedsMistakes() {
        Result result = run("ref", "--json", "--uri", "localhost:5000", "localhost:5000/x", "localhost:50001/x");
        assertThat(result.code()).isZero();
        assertThat(result.out().lines().toList()).extracting(l -> l.substring(l.indexOf("\"belongs\"")))
                .containsExactly("\"belongs\":true}", "\"belongs\":false}");
        Result hub = run("ref", "--json", "--uri", "docker.io/user", "user/img");
        assertThat(hub.out()).contains("\"belongs\":true");
        Result gcr = run("ref", "--json", "--uri", "gcr.io/proj", "gcr.io/proj-evil/x");
        assertThat(gcr.out()).contains("\"belongs\":false");
    }

    @Test
    void refWithAnInvalidUriIsAUsageError() {
        Result result = run("ref", "--uri", "https://x", "ubuntu");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--uri: Registry URI 'https://x' has a scheme");
    }
}
