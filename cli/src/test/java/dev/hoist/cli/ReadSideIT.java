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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hoist digest}, {@code inspect}, {@code tags}, {@code delete} and {@code copy} against the real registries,
 * with skopeo as the independent reader: every digest Hoist prints is the sha256 of what skopeo reads.
 */
class ReadSideIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void services() throws Exception {
        RegistryApiServices.requireAll();
        String password = TestServices.registryPassword();
        String credentials = "credentials { username = \"" + TestServices.registryUser() + "\", password = \""
                + password + "\" }";
        config = Files.writeString(dir.resolve("hoist.conf"), String.join("\n",
                "hoist.registries.local.uri = \"" + TestServices.registry() + "\"",
                "hoist.registries.basic { flavor = default, uri = \"" + TestServices.authRegistry() + "\", "
                        + credentials + " }",
                "hoist.registries.token { flavor = default, uri = \"" + RegistryApiServices.tokenRegistry() + "\", "
                        + credentials + " }",
                "hoist.registries.tls { flavor = default, uri = \"" + TestServices.tlsRegistry() + "\", ca-file = \""
                        + RegistryApiServices.tlsCertificate().orElseThrow() + "\", " + credentials + " }"));
    }

    private CliRun.Result hoist(String... args) {
        String[] all = new String[args.length + 2];
        // Before the subcommand: inspect's own --config is the image config.
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        CliRun.Result result = CliRun.run(all);
        assertThat(result.out() + result.err()).doesNotContain(TestServices.registryPassword());
        return result;
    }

    /** Pushes a fresh random image to {@code repository:tag} of {@code host}; returns the reference. */
    private String pushed(String host, String repository) throws Exception {
        String reference = host + "/" + repository + ":" + TestImages.uniqueTag();
        Path archive = TestArchives.legacyArchive(TestArchives.randomImage(3000, 70_000), "x:1",
                dir.resolve(TestImages.uniqueTag() + ".tar"), false);
        String registry = host.equals(TestServices.registry()) ? "local" : host.equals(TestServices.authRegistry())
                ? "basic" : host.equals(TestServices.tlsRegistry()) ? "tls" : "token";
        CliRun.Result push = hoist("push", "--registry", registry, "--progress", "quiet", "--from",
                "docker-archive:" + archive, reference);
        assertThat(push.code()).as(push.err()).isZero();
        return reference;
    }

    private static String sha256(byte[] bytes) {
        return TestArchives.sha256(bytes);
    }

    @Test
    void digestInspectAndTheRawBytesAgreeWithSkopeo() throws Exception {
        String reference = pushed(TestServices.authRegistry(), "hoist-it/read");
        byte[] raw = RegistryApiServices.skopeoRaw(reference, true);

        CliRun.Result digest = hoist("digest", reference);
        assertThat(digest.code()).as(digest.err()).isZero();
        assertThat(digest.out().strip()).isEqualTo(sha256(raw));
        assertThat(hoist("digest", "docker://" + reference).out().strip()).as("skopeo's form").isEqualTo(sha256(raw));

        CliRun.Result json = hoist("digest", "--json", reference);
        assertThat(json.out().strip()).isEqualTo("{\"reference\":\"" + reference + "\",\"digest\":\"" + sha256(raw)
                + "\",\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"size\":" + raw.length
                + "}");

        CliRun.Result inspect = hoist("inspect", reference);
        assertThat(inspect.code()).as(inspect.err()).isZero();
        JsonNode described = JSON.readTree(inspect.out());
        JsonNode manifest = JSON.readTree(raw);
        assertThat(described.get("digest").asText()).isEqualTo(sha256(raw));
        assertThat(described.get("platforms").size()).isZero();
        assertThat(described.get("config").asText()).isEqualTo(manifest.at("/config/digest").asText());
        assertThat(described.get("layers").size()).isEqualTo(2);
        assertThat(described.at("/layers/1/digest").asText()).isEqualTo(manifest.at("/layers/1/digest").asText());
        assertThat(fieldNames(described)).containsExactly("reference", "digest",
                "mediaType", "size", "platforms", "layers", "config");

        CliRun.Result rawOut = hoist("inspect", "--raw", reference);
        assertThat(rawOut.out().getBytes(StandardCharsets.UTF_8)).isEqualTo(raw);

        CliRun.Result configOut = hoist("inspect", "--config", reference);
        assertThat(sha256(configOut.out().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(manifest.at("/config/digest").asText());

        CliRun.Result both = hoist("inspect", "--raw", "--config", reference);
        assertThat(both.code()).isEqualTo(2);
    }

    private static List<String> fieldNames(JsonNode node) {
        java.util.Iterator<String> iterator = node.fieldNames();
        List<String> all = new java.util.ArrayList<>();
        iterator.forEachRemaining(all::add);
        return all;
    }

    @Test
    void aMissingTagOrRepositoryIsExitOneNamingIt() throws Exception {
        String missing = TestServices.registry() + "/hoist-it/nothing-here:" + TestImages.uniqueTag();
        CliRun.Result digest = hoist("digest", missing);
        assertThat(digest.code()).isEqualTo(1);
        assertThat(digest.err()).contains("has no manifest").contains(missing);

        CliRun.Result tags = hoist("tags", TestServices.registry() + "/hoist-it/no-such-repo-" + TestImages.uniqueTag());
        assertThat(tags.code()).isEqualTo(1);
        assertThat(tags.err()).contains("has no repository");

        CliRun.Result withTag = hoist("tags", TestServices.registry() + "/hoist-it/read:1");
        assertThat(withTag.code()).isEqualTo(1);
        assertThat(withTag.err()).contains("names a tag");

        // Issue 22: a reference no configured registry owns is read through an implicit registry for its host (here
        // nothing listens); with implicit-registries = false it is refused naming the configured registries, as before.
        CliRun.Result implicit = hoist("digest", "127.0.0.1:5999/app:1");
        assertThat(implicit.code()).isEqualTo(1);
        assertThat(implicit.err()).contains("127.0.0.1:5999").doesNotContain("No configured container registry owns");
        Files.writeString(config, "\nhoist.implicit-registries = false\n", java.nio.file.StandardOpenOption.APPEND);
        CliRun.Result unowned = hoist("digest", "127.0.0.1:5999/app:1");
        assertThat(unowned.code()).isEqualTo(1);
        assertThat(unowned.err()).contains("No configured container registry owns '127.0.0.1:5999/app:1'")
                .contains("local (" + TestServices.registry() + ")").contains("hoist.implicit-registries is false");

        CliRun.Result badPlatform = hoist("digest", "--platform", "linux", missing);
        assertThat(badPlatform.code()).isEqualTo(2);
        assertThat(badPlatform.err()).contains("OS/ARCH[/VARIANT]");
    }

    @Test
    void tagsListsEveryTagAndDeleteRemovesTheManifestWithItsTags() throws Exception {
        String repository = "hoist-it/tags-" + TestImages.uniqueTag();
        String first = pushed(TestServices.tlsRegistry(), repository);
        String tag = first.substring(first.lastIndexOf(':') + 1);
        String second = TestServices.tlsRegistry() + "/" + repository + ":also";
        CliRun.Result copy = hoist("copy", "--progress", "quiet", first, second);
        assertThat(copy.code()).as(copy.err()).isZero();

        CliRun.Result tags = hoist("tags", TestServices.tlsRegistry() + "/" + repository);
        assertThat(tags.code()).as(tags.err()).isZero();
        assertThat(tags.out().lines().toList()).containsExactlyInAnyOrder(tag, "also");
        CliRun.Result json = hoist("tags", "--json", TestServices.tlsRegistry() + "/" + repository);
        assertThat(JSON.readTree(json.out()).get("repository").asText())
                .isEqualTo(TestServices.tlsRegistry() + "/" + repository);
        assertThat(JSON.readTree(json.out()).get("tags").size()).isEqualTo(2);

        String digest = hoist("digest", first).out().strip();
        CliRun.Result delete = hoist("delete", second);
        assertThat(delete.code()).as(delete.err()).isZero();
        assertThat(delete.out().strip()).isEqualTo(digest);
        assertThat(delete.err()).contains("every tag that pointed at it is gone with it");
        assertThat(hoist("digest", first).code()).as("the other tag went with the manifest").isEqualTo(1);
        assertThat(hoist("delete", first).code()).isEqualTo(1);
    }

    @Test
    void aMultiPlatformIndexResolvesPerPlatformAndCopiesAcrossRegistriesWithItsDigest() throws Exception {
        Path layout = dir.resolve("multi");
        String index = TestArchives.multiPlatformLayout(List.of(TestArchives.randomImage(2000),
                TestArchives.randomImage(3000)), List.of("linux/amd64", "linux/arm64"), "1", layout);
        String source = TestServices.registry() + "/hoist-it/multi:" + TestImages.uniqueTag();
        CliRun.Result push = hoist("push", "--progress", "quiet", "--from", "oci:" + layout + ":1", source);
        assertThat(push.code()).as(push.err()).isZero();
        assertThat(hoist("digest", source).out().strip()).isEqualTo(index);

        JsonNode described = JSON.readTree(hoist("inspect", source).out());
        assertThat(described.get("platforms").size()).isEqualTo(2);
        assertThat(described.get("config").isNull()).isTrue();
        String arm = described.at("/platforms/1/digest").asText();
        assertThat(described.at("/platforms/1/architecture").asText()).isEqualTo("arm64");
        assertThat(hoist("digest", "--platform", "linux/arm64", source).out().strip()).isEqualTo(arm);

        CliRun.Result missing = hoist("digest", "--platform", "linux/s390x", source);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("has no manifest for platform linux/s390x")
                .contains("linux/amd64, linux/arm64");

        // Across registries with different credentials: the same digest, skopeo agrees.
        String across = RegistryApiServices.tokenRegistry() + "/hoist-it/multi-copy:" + TestImages.uniqueTag();
        CliRun.Result copy = hoist("copy", "--json", "--progress", "quiet", source, across);
        assertThat(copy.code()).as(copy.err()).isZero();
        JsonNode copied = JSON.readTree(copy.out());
        assertThat(copied.get("digest").asText()).isEqualTo(index);
        assertThat(fieldNames(copied)).containsExactly("source", "destination", "digest",
                "mediaType", "size", "blobs", "bytesCopied", "durationMs");
        assertThat(copied.get("blobs").size()).isEqualTo(4);
        assertThat(copied.get("bytesCopied").asLong()).isPositive();
        assertThat(sha256(RegistryApiServices.skopeoRaw(across, true))).isEqualTo(index);

        // Again: already there, nothing copied.
        CliRun.Result again = hoist("copy", "--json", "--progress", "quiet", source, across);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(JSON.readTree(again.out()).get("bytesCopied").asLong()).isZero();
        assertThat(again.err()).contains("already");

        // One platform: that child as it is.
        String one = TestServices.authRegistry() + "/hoist-it/multi-one:" + TestImages.uniqueTag();
        CliRun.Result single = hoist("copy", "--platform", "linux/arm64", "--progress", "quiet", source, one);
        assertThat(single.code()).as(single.err()).isZero();
        assertThat(single.out().strip()).isEqualTo(arm);
        assertThat(sha256(RegistryApiServices.skopeoRaw(one, true))).isEqualTo(arm);

        // Both platforms named: a new index of the two, which is the same entries, so the same bytes as a narrowed
        // copy of the index; it must list both platforms.
        String two = TestServices.authRegistry() + "/hoist-it/multi-two:" + TestImages.uniqueTag();
        CliRun.Result pair = hoist("copy", "--platform", "linux/arm64", "--platform", "linux/amd64", "--progress", "quiet", source, two);
        assertThat(pair.code()).as(pair.err()).isZero();
        JsonNode narrowed = JSON.readTree(RegistryApiServices.skopeoRaw(two, true));
        assertThat(narrowed.get("manifests").size()).isEqualTo(2);
    }

    @Test
    void aCopyWithinOneRegistryMountsAndACopyOntoItselfIsRefused() throws Exception {
        String source = pushed(TestServices.authRegistry(), "hoist-it/mount-from");
        String destination = TestServices.authRegistry() + "/hoist-it/mount-to-" + TestImages.uniqueTag() + ":1";
        CliRun.Result copy = hoist("copy", "--json", "--progress", "quiet", source, destination);
        assertThat(copy.code()).as(copy.err()).isZero();
        JsonNode copied = JSON.readTree(copy.out());
        assertThat(copied.get("bytesCopied").asLong()).isZero();
        for (JsonNode blob : copied.get("blobs")) {
            assertThat(blob.get("result").asText()).as(blob.toString()).isEqualTo("mounted");
        }
        assertThat(sha256(RegistryApiServices.skopeoRaw(destination, true))).isEqualTo(copied.get("digest").asText());

        CliRun.Result same = hoist("copy", "--progress", "quiet", source, "docker://" + source);
        assertThat(same.code()).isEqualTo(1);
        assertThat(same.err()).contains("are the same");
    }

    @Test
    void pushFromAnotherRegistryIsACopy() throws Exception {
        String source = pushed(TestServices.registry(), "hoist-it/push-from");
        String target = TestServices.authRegistry() + "/hoist-it/pushed-from-registry:" + TestImages.uniqueTag();
        CliRun.Result push = hoist("push", "--registry", "basic", "--progress", "quiet", "--from", "docker://" + source,
                target);
        assertThat(push.code()).as(push.err()).isZero();
        assertThat(push.out().strip()).isEqualTo(sha256(RegistryApiServices.skopeoRaw(source, false)));
        assertThat(sha256(RegistryApiServices.skopeoRaw(target, true))).isEqualTo(push.out().strip());

        // push --json keeps its contract: one entry per layer of the manifest, no config.
        String again = TestServices.authRegistry() + "/hoist-it/pushed-from-registry:" + TestImages.uniqueTag();
        JsonNode json = JSON.readTree(hoist("push", "--registry", "basic", "--progress", "quiet", "--json", "--from",
                "docker://" + source, again).out());
        JsonNode manifest = JSON.readTree(RegistryApiServices.skopeoRaw(source, false));
        assertThat(json.get("layers").size()).isEqualTo(manifest.get("layers").size());
        assertThat(json.at("/layers/0/digest").asText()).isEqualTo(manifest.at("/layers/0/digest").asText());
        assertThat(json.at("/layers/0/result").asText()).isEqualTo("exists");
    }

    @Test
    void anIndexRoundTripsThroughOciAndOciArchiveWithItsDigest() throws Exception {
        Path layout = dir.resolve("multi-src");
        String index = TestArchives.multiPlatformLayout(List.of(TestArchives.randomImage(2000),
                TestArchives.randomImage(3000)), List.of("linux/amd64", "linux/arm64"), "1", layout);
        String source = TestServices.registry() + "/hoist-it/roundtrip:" + TestImages.uniqueTag();
        assertThat(hoist("copy", "--progress", "quiet", "oci:" + layout + ":1", source).out().strip())
                .isEqualTo(index);

        Path copied = dir.resolve("copied");
        CliRun.Result toOci = hoist("copy", "--progress", "quiet", source, "oci:" + copied + ":v1");
        assertThat(toOci.code()).as(toOci.err()).isZero();
        assertThat(toOci.out().strip()).isEqualTo(index);
        assertThat(sha256(RegistryApiServices.runOk(List.of("skopeo", "inspect", "--raw", "oci:" + copied + ":v1"))
                .getBytes(StandardCharsets.UTF_8))).as("skopeo reads the layout Hoist wrote").isEqualTo(index);

        Path archive = dir.resolve("copied.tar");
        CliRun.Result toArchive = hoist("copy", "--progress", "quiet", "oci:" + copied + ":v1",
                "oci-archive:" + archive + ":v1");
        assertThat(toArchive.code()).as(toArchive.err()).isZero();
        assertThat(sha256(RegistryApiServices.runOk(List.of("skopeo", "inspect", "--raw", "oci-archive:" + archive
                + ":v1")).getBytes(StandardCharsets.UTF_8))).isEqualTo(index);

        String back = TestServices.authRegistry() + "/hoist-it/roundtrip-back:" + TestImages.uniqueTag();
        CliRun.Result push = hoist("push", "--registry", "basic", "--progress", "quiet", "--from", "oci-archive:"
                + archive + ":v1", back);
        assertThat(push.code()).as(push.err()).isZero();
        assertThat(push.out().strip()).isEqualTo(index);
        assertThat(sha256(RegistryApiServices.skopeoRaw(back, true))).isEqualTo(index);

        // One image only in a docker archive: the index needs --platform, and then docker loads it.
        CliRun.Result refused = hoist("copy", "--progress", "quiet", source, "docker-archive:" + dir.resolve("d.tar"));
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("pick one with --platform").contains("linux/amd64, linux/arm64");
        Path docker = dir.resolve("amd64.tar");
        CliRun.Result one = hoist("copy", "--platform", "linux/amd64", "--progress", "quiet", source,
                "docker-archive:" + docker + ":hoist-it/roundtrip:amd64");
        assertThat(one.code()).as(one.err()).isZero();
        JsonNode child = JSON.readTree(RegistryApiServices.runOk(List.of("skopeo", "inspect", "--raw", "--tls-verify"
                + "=false", "docker://" + source.substring(0, source.lastIndexOf(':')) + "@" + one.out().strip())));
        String loaded = RegistryApiServices.runOk(List.of("docker", "load", "-q", "-i", docker.toString()));
        assertThat(loaded).contains("hoist-it/roundtrip:amd64");
        try {
            assertThat(RegistryApiServices.runOk(List.of("docker", "image", "inspect", "-f", "{{.Id}}",
                    "hoist-it/roundtrip:amd64")).strip()).isEqualTo(child.at("/config/digest").asText());
        } finally {
            RegistryApiServices.run(List.of("docker", "rmi", "-f", "hoist-it/roundtrip:amd64"));
        }
    }

    @Test
    void anOciArchiveThatPodmanSavedIsReadAndCopiedWithTheDigestSkopeoReads() throws Exception {
        Path archive = dir.resolve("podman.tar");
        Path source = TestArchives.legacyArchive(TestArchives.randomImage(4000), "hoist-it/podman-src:1",
                dir.resolve("src.tar"), false);
        RegistryApiServices.runOk(List.of("skopeo", "copy", "--quiet", "docker-archive:" + source,
                "oci-archive:" + archive + ":1"));
        String expected = sha256(RegistryApiServices.runOk(List.of("skopeo", "inspect", "--raw", "oci-archive:"
                + archive + ":1")).getBytes(StandardCharsets.UTF_8));
        String target = RegistryApiServices.tokenRegistry() + "/hoist-it/from-oci-archive:" + TestImages.uniqueTag();
        CliRun.Result copy = hoist("copy", "--progress", "quiet", "oci-archive:" + archive + ":1", target);
        assertThat(copy.code()).as(copy.err()).isZero();
        assertThat(copy.out().strip()).isEqualTo(expected);
        assertThat(sha256(RegistryApiServices.skopeoRaw(target, true))).isEqualTo(expected);
    }

    @Test
    void aFailedCopyLeavesNoLayoutAndAnArchiveIsNeverItsOwnSource() throws Exception {
        Path made = dir.resolve("never");
        CliRun.Result missing = hoist("copy", "--progress", "quiet", TestServices.registry()
                + "/hoist-it/nothing-here:" + TestImages.uniqueTag(), "oci:" + made + ":1");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(made).as("the layout the failed copy made is gone").doesNotExist();

        Path archive = dir.resolve("one.tar");
        String source = pushed(TestServices.registry(), "hoist-it/archive-self");
        assertThat(hoist("copy", "--progress", "quiet", source, "oci-archive:" + archive + ":a").code()).isZero();
        CliRun.Result self = hoist("copy", "--progress", "quiet", "oci-archive:" + archive + ":a",
                "oci-archive:" + archive + ":b");
        assertThat(self.code()).isEqualTo(1);
        assertThat(self.err()).contains("are the same").contains("rewritten whole");
        CliRun.Result badRef = hoist("copy", "--progress", "quiet", source, "oci:" + dir.resolve("l") + ":bad ref");
        assertThat(badRef.code()).isEqualTo(2);
        assertThat(badRef.err()).contains("not a valid org.opencontainers.image.ref.name");
    }

    @Test
    void aCopyFromADockerArchiveIsAPushWhoseJsonListsTheConfigBlobToo() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(4000, 9000);
        Path archive = TestArchives.legacyArchive(image, "x:1", dir.resolve("docker.tar"), false);
        String target = TestServices.registry() + "/hoist-it/from-docker-archive:" + TestImages.uniqueTag();
        CliRun.Result copy = hoist("copy", "--json", "--progress", "quiet", "docker-archive:" + archive, target);
        assertThat(copy.code()).as(copy.err()).isZero();
        JsonNode json = JSON.readTree(copy.out());
        assertThat(json.get("digest").asText()).isEqualTo(sha256(RegistryApiServices.skopeoRaw(target, false)));
        List<String> blobs = new java.util.ArrayList<>();
        json.get("blobs").forEach(blob -> blobs.add(blob.get("digest").asText()));
        assertThat(blobs).as("the config (the image id) and both layers").hasSize(3).contains(image.id());
        long sum = 0;
        for (JsonNode blob : json.get("blobs")) {
            sum += blob.get("result").asText().equals("copied") ? blob.get("size").asLong() : 0;
        }
        assertThat(json.get("bytesCopied").asLong()).as("bytesCopied is the blobs sent").isEqualTo(sum);
    }
}
