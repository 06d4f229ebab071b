package dev.hoist.transport.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Docker schema 2 manifest's bytes are fixed: they are hashed into the digest of every pushed image. */
class DockerManifestTest {

    /**
     * Written by the transport before this model existed (its hand-built {@code ObjectNode}, pretty-printed with
     * Jackson's default printer), for a docker archive of four layers, the last a repeat of the second.
     */
    private static final String WRITTEN_BEFORE = """
            {
              "schemaVersion" : 2,
              "mediaType" : "application/vnd.docker.distribution.manifest.v2+json",
              "config" : {
                "mediaType" : "application/vnd.docker.container.image.v1+json",
                "size" : 373,
                "digest" : "sha256:c7a4e7c6aea18cb60e8027e9f8bd3efdd95eacaf3f4ec31a22336260fdb2a72c"
              },
              "layers" : [ {
                "mediaType" : "application/vnd.docker.image.rootfs.diff.tar.gzip",
                "size" : 2002163,
                "digest" : "sha256:d0fdb128617bfb187c772ad2a6b74119daedbe044bdc38b23d5d1c1ee62f162a"
              }, {
                "mediaType" : "application/vnd.docker.image.rootfs.diff.tar.gzip",
                "size" : 1158,
                "digest" : "sha256:946da0e53efb013e5fc226d61931c3c5d502229356dc78f68cbba76cf82274ea"
              }, {
                "mediaType" : "application/vnd.docker.image.rootfs.diff.tar.gzip",
                "size" : 1500645,
                "digest" : "sha256:2644a8a1b87d1332a22314f5a184cc57251e3a45c35606912e070b0335cb1ab8"
              }, {
                "mediaType" : "application/vnd.docker.image.rootfs.diff.tar.gzip",
                "size" : 1158,
                "digest" : "sha256:946da0e53efb013e5fc226d61931c3c5d502229356dc78f68cbba76cf82274ea"
              } ]
            }""";

    private static final Descriptor SECOND = new Descriptor("",
            "sha256:946da0e53efb013e5fc226d61931c3c5d502229356dc78f68cbba76cf82274ea", 1158);

    private static DockerManifest manifest() {
        return DockerManifest.of("sha256:c7a4e7c6aea18cb60e8027e9f8bd3efdd95eacaf3f4ec31a22336260fdb2a72c", 373,
                List.of(new Descriptor("", "sha256:d0fdb128617bfb187c772ad2a6b74119daedbe044bdc38b23d5d1c1ee62f162a",
                                2002163), SECOND,
                        new Descriptor("", "sha256:2644a8a1b87d1332a22314f5a184cc57251e3a45c35606912e070b0335cb1ab8",
                                1500645), SECOND));
    }

    @Test
    void itSerializesByteForByteAsTheTransportDidBefore() throws Exception {
        byte[] bytes = manifest().toBytes();

        // Jackson's default pretty printer ends lines with the platform's separator, as it did before.
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo(WRITTEN_BEFORE.replace("\n", System.lineSeparator()));
        if (System.lineSeparator().equals("\n")) {
            assertThat(bytes).hasSize(1059);
            assertThat("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .as("the digest the registry confirmed for this manifest before")
                    .isEqualTo("sha256:a0d320ae97f2fad2ba7710000510d49cb6e988525f6a9c1961c4182e80b05207");
        }
    }

    @Test
    void itsLayersAreGzipLayersWhateverTheirDescriptorsSaid() {
        DockerManifest manifest = manifest();

        assertThat(manifest.schemaVersion()).isEqualTo(2);
        assertThat(manifest.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(manifest.config().mediaType()).isEqualTo(MediaTypes.DOCKER_CONFIG);
        assertThat(manifest.layers()).extracting(Descriptor::mediaType).containsOnly(MediaTypes.DOCKER_LAYER_GZIP);
    }

    @Test
    void anImageWithoutLayersHasAnEmptyList() {
        String text = new String(DockerManifest.of("sha256:" + "a".repeat(64), 2, List.of()).toBytes(),
                StandardCharsets.UTF_8);

        assertThat(text).endsWith("\"layers\" : [ ]" + System.lineSeparator() + "}");
    }
}
