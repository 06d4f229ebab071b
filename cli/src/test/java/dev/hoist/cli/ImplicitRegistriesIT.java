package dev.hoist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.testing.RegistryApiServices;
import dev.hoist.testing.TestArchives;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 on the real services, the CLI run in process: pushes to registries no config names (an implicit registry
 * of the default flavor for the host), a configured registry that owns part of a host beside an implicit one for the
 * rest, whose credentials come only from docker's config for that host, {@code auth --image}, the strict
 * {@code --registry}, {@code implicit-registries = false}, and the JSON and progress lines that say what was chosen.
 */
class ImplicitRegistriesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** An empty docker config directory, so that no stray ~/.docker/config.json answers for the test registries. */
    private Path dockerConfig;

    @BeforeEach
    void services() throws Exception {
        TestServices.require();
        TestServices.requireAuthRegistries();
        TestServices.requireRegistry2();
        RegistryApiServices.requireTools("skopeo");
        dockerConfig = Files.createDirectories(dir.resolve("docker-config"));
    }

    private CliRun.Result hoist(String... args) {
        CliRun.Result result = CliRun.run(args);
        assertThat(result.out() + result.err()).doesNotContain(TestServices.registryPassword());
        return result;
    }

    private Path archive() throws Exception {
        return TestArchives.legacyArchive(TestArchives.randomImage(2000, 50_000), "x:1",
                dir.resolve(TestImages.uniqueTag() + ".tar"), false);
    }

    /** {@code hoist [--config FILE] push --json --progress plain --from docker-archive:… REFERENCE}. */
    private CliRun.Result push(Path config, String reference, String... more) throws Exception {
        List<String> args = new ArrayList<>();
        if (config != null) {
            args.addAll(List.of("--config", config.toString()));
        }
        args.addAll(List.of("push", "--json", "--progress", "plain", "--from", "docker-archive:" + archive()));
        args.addAll(List.of(more));
        args.add(reference);
        return hoist(args.toArray(String[]::new));
    }

    /** A config with {@code team}, a registry on the basic-auth registry's {@code team} path, with credentials. */
    private Path teamConfig(String... more) throws Exception {
        List<String> lines = new ArrayList<>(List.of(
                "hoist.docker.config-dir = \"" + dockerConfig + "\"",
                "hoist.registries.team { flavor = default, uri = \"" + TestServices.authRegistry() + "/team\","
                        + " credentials { username = \"" + TestServices.registryUser() + "\", password = \""
                        + TestServices.registryPassword() + "\" } }"));
        lines.addAll(List.of(more));
        return Files.writeString(dir.resolve("hoist.conf"), String.join("\n", lines));
    }

    @Test
    void withNoConfigFileAtAllAPushGoesToTheRegistryTheNameNames() throws Exception {
        for (String host : List.of(TestServices.registry(), TestServices.registry2())) {
            String reference = host + "/x/y:" + TestImages.uniqueTag();
            CliRun.Result pushed = push(null, reference);
            assertThat(pushed.code()).as(pushed.err()).isZero();
            JsonNode json = JSON.readTree(pushed.out());
            // Every field of before, in its place; then registry (null: implicit) and flavor.
            assertThat(fieldNames(json)).containsExactly("image", "digest", "mediaType", "size", "transport", "layers",
                    "bytesUploaded", "durationMs", "registry", "flavor");
            assertThat(json.get("registry").isNull()).isTrue();
            assertThat(json.get("flavor").asText()).isEqualTo("default");
            assertThat(json.get("digest").asText())
                    .isEqualTo(TestArchives.sha256(RegistryApiServices.skopeoRaw(reference, false)));
            assertThat(pushed.err()).contains("push " + reference + " through registry-api: ")
                    .contains(", to implicit registry " + host + " (flavor default)");

            // The read side takes the same rule: no config either.
            CliRun.Result digest = hoist("digest", reference);
            assertThat(digest.code()).as(digest.err()).isZero();
            assertThat(digest.out().strip()).isEqualTo(json.get("digest").asText());
        }
    }

    @Test
    void aConfiguredRegistryServesItsPathAndAnImplicitOneTheRestOfTheHostWithItsOwnCredentials() throws Exception {
        Path config = teamConfig();
        String owned = TestServices.authRegistry() + "/team/app:" + TestImages.uniqueTag();
        CliRun.Result team = push(config, owned);
        assertThat(team.code()).as(team.err()).isZero();
        JsonNode json = JSON.readTree(team.out());
        assertThat(json.get("registry").asText()).isEqualTo("team");
        assertThat(json.get("flavor").asText()).isEqualTo("default");
        assertThat(json.get("digest").asText()).isEqualTo(TestArchives.sha256(RegistryApiServices.skopeoRaw(owned, true)));
        assertThat(team.err()).contains("to registry 'team' (" + TestServices.authRegistry() + "/team, flavor default)");

        // The rest of the host: an implicit registry. The team registry's credentials are not lent to it, and the
        // (empty) docker config has none: the registry refuses, and the message says where credentials go.
        String other = TestServices.authRegistry() + "/other/app:" + TestImages.uniqueTag();
        CliRun.Result refused = push(config, other);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).contains("hoist: The registry refused access to")
                .contains("Hoist used no credentials")
                .contains("a registry in hoist.registries { flavor = default, uri = \"" + TestServices.authRegistry()
                        + "\", credentials { ... } }, or docker login");
        CliRun.Result authRefused = hoist("--config", config.toString(), "auth", "--json", "--image", other);
        assertThat(authRefused.code()).as(authRefused.err()).isEqualTo(1);
        assertThat(authRefused.out().strip()).startsWith("{\"registry\":null,\"host\":\"" + TestServices.authRegistry()
                + "\",\"source\":null,\"username\":null,\"status\":\"unauthorized\",")
                .endsWith(",\"flavor\":\"default\"}");

        // With docker's config holding credentials for that host, the implicit registry uses them.
        String auth = Base64.getEncoder().encodeToString((TestServices.registryUser() + ":"
                + TestServices.registryPassword()).getBytes(StandardCharsets.UTF_8));
        Files.writeString(dockerConfig.resolve("config.json"), "{\"auths\":{\"" + TestServices.authRegistry()
                + "\":{\"auth\":\"" + auth + "\"}}}");
        CliRun.Result implicit = push(config, other);
        assertThat(implicit.code()).as(implicit.err()).isZero();
        JsonNode pushed = JSON.readTree(implicit.out());
        assertThat(pushed.get("registry").isNull()).isTrue();
        assertThat(pushed.get("digest").asText()).isEqualTo(TestArchives.sha256(RegistryApiServices.skopeoRaw(other, true)));
        assertThat(implicit.err()).contains("to implicit registry " + TestServices.authRegistry() + " (flavor default)");
        CliRun.Result authOk = hoist("--config", config.toString(), "auth", "--json", "--image", other);
        assertThat(authOk.code()).as(authOk.err()).isZero();
        assertThat(authOk.out().strip()).startsWith("{\"registry\":null,\"host\":\"" + TestServices.authRegistry()
                + "\",\"source\":\"").contains("config.json")
                .contains("\"username\":\"" + TestServices.registryUser() + "\"")
                .contains("\"status\":\"ok\"");
        // auth --image of the team's path checks the team registry's own credentials.
        CliRun.Result authTeam = hoist("--config", config.toString(), "auth", "--json", "--image", owned);
        assertThat(authTeam.code()).as(authTeam.err()).isZero();
        assertThat(authTeam.out().strip()).startsWith("{\"registry\":\"team\",");
    }

    @Test
    void registryLocalWithAForeignImageIsStillRefused() throws Exception {
        String foreign = TestServices.registry2() + "/x/y:" + TestImages.uniqueTag();
        CliRun.Result refused = push(teamConfig(), foreign, "--registry", "team");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err().strip()).startsWith("hoist: Image '" + foreign + "' does not belong to container"
                + " registry 'team' (" + TestServices.authRegistry() + "/team).");
        CliRun.Result local = hoist("push", "--registry", "local", "--from", "docker-archive:" + archive(), foreign);
        assertThat(local.code()).isEqualTo(1);
        assertThat(local.err().strip()).startsWith("hoist: Image '" + foreign + "' does not belong to container"
                + " registry 'local' (localhost:5000).");
    }

    @Test
    void implicitRegistriesOffRestoresTheRefusalNamingTheConfiguredRegistries() throws Exception {
        Path config = teamConfig("hoist.implicit-registries = false");
        String foreign = TestServices.registry2() + "/x/y:" + TestImages.uniqueTag();
        CliRun.Result refused = push(config, foreign);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo("hoist: No configured container registry owns '" + foreign
                + "' (configured: local (localhost:5000), team (" + TestServices.authRegistry() + "/team)), and"
                + " hoist.implicit-registries is false. Add one whose URI it is under to hoist.registries, or name one"
                + " with --registry.");
        // What a configured registry owns still pushes.
        CliRun.Result team = push(config, TestServices.authRegistry() + "/team/app:" + TestImages.uniqueTag());
        assertThat(team.code()).as(team.err()).isZero();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
