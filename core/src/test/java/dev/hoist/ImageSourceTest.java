package dev.hoist;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import dev.hoist.push.ErrorKind;
import dev.hoist.push.ImageSourceException;
import dev.hoist.push.ImageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code --from} forms, as skopeo writes them. */
class ImageSourceTest {

    @Test
    void parsesTheThreeTransports() {
        assertThat(ImageSource.parse("docker-daemon:app:1")).isEqualTo(ImageSource.dockerDaemon("app:1"));
        assertThat(ImageSource.parse("docker-archive:/tmp/app.tar"))
                .isEqualTo(ImageSource.dockerArchive(Path.of("/tmp/app.tar")));
        assertThat(ImageSource.parse("docker-archive:/tmp/app.tar:app:1"))
                .isEqualTo(ImageSource.dockerArchive(Path.of("/tmp/app.tar"), Optional.of("app:1")));
        assertThat(ImageSource.parse("oci:/tmp/layout")).isEqualTo(ImageSource.ociLayout(Path.of("/tmp/layout"),
                Optional.empty()));
        assertThat(ImageSource.parse("oci:/tmp/layout:v1").reference()).contains("v1");
        assertThat(ImageSource.parse("oci:/tmp/layout:v1").toString()).isEqualTo("oci:/tmp/layout:v1");
        assertThat(ImageSource.parse("docker-daemon:app:1").kind()).isEqualTo(ImageSource.Kind.DOCKER_DAEMON);
        assertThat(ImageSource.parse("oci-archive:/tmp/a.tar:v1"))
                .isEqualTo(ImageSource.ociArchive(Path.of("/tmp/a.tar"), Optional.of("v1")));
        assertThat(ImageSource.parse("docker://localhost:5000/app:1")).isEqualTo(ImageSource.registry("localhost:5000/app:1"));
        assertThat(ImageSource.parse("docker://localhost:5000/app:1").toString()).isEqualTo("docker://localhost:5000/app:1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oci:/tmp/l:bad ref", "oci-archive:/tmp/a.tar:-x", "oci:/tmp/l:a//b", "oci:/tmp/l:a..b?"})
    void anInvalidOciRefNameIsRefusedAsTheOciImageSpecGrammarWould(String text) {
        assertThatThrownBy(() -> dev.hoist.push.ImageDestination.parse(text)).isInstanceOf(ImageSourceException.class)
                .hasMessageContaining("is not a valid org.opencontainers.image.ref.name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oci:/tmp/l:v1.0", "oci:/tmp/l:latest", "oci-archive:/tmp/a.tar:team/app:1.0-rc@x",
            "oci:/tmp/l:a--b"})
    void aValidOciRefNameIsKept(String text) {
        assertThat(dev.hoist.push.ImageDestination.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void aCopysSourceMayBeABareReference() {
        assertThat(ImageSource.parseOrReference("localhost:5000/app:1")).isEqualTo(ImageSource.registry("localhost:5000/app:1"));
        assertThat(ImageSource.parseOrReference("oci:/tmp/l")).isEqualTo(ImageSource.ociLayout(Path.of("/tmp/l"), Optional.empty()));
    }

    @Test
    void aDestinationIsParsedWithSkopeosTransportNames() {
        assertThat(dev.hoist.push.ImageDestination.parse("localhost:5000/app:1"))
                .isEqualTo(dev.hoist.push.ImageDestination.registry("localhost:5000/app:1"));
        assertThat(dev.hoist.push.ImageDestination.parse("docker://localhost:5000/app:1").toString())
                .isEqualTo("docker://localhost:5000/app:1");
        assertThat(dev.hoist.push.ImageDestination.parse("oci-archive:/tmp/a.tar:1"))
                .isEqualTo(dev.hoist.push.ImageDestination.ociArchive(Path.of("/tmp/a.tar"), Optional.of("1")));
        assertThat(dev.hoist.push.ImageDestination.parse("docker-archive:/tmp/a.tar:app:1").name()).contains("app:1");
        assertThatThrownBy(() -> dev.hoist.push.ImageDestination.parse("docker-daemon:app:1"))
                .isInstanceOf(ImageSourceException.class).hasMessageContaining("does not write to docker-daemon:");
        assertThatThrownBy(() -> dev.hoist.push.ImageDestination.parse("oci:")).isInstanceOf(ImageSourceException.class)
                .hasMessageContaining("has an empty path");
        assertThatThrownBy(() -> dev.hoist.push.ImageDestination.parse("docker://"))
                .isInstanceOf(ImageSourceException.class).hasMessageContaining("names no image reference");
    }

    @ParameterizedTest
    @ValueSource(strings = {"app:1", "containers-storage:app", "", "dir:/x"})
    void anUnknownTransportNamesTheValidOnes(String text) {
        assertThatThrownBy(() -> ImageSource.parse(text)).isInstanceOf(ImageSourceException.class)
                .satisfies(kindAndReason(ErrorKind.SOURCE, ImageSourceException.Reason.INVALID))
                .hasMessageContaining("docker-daemon:NAME").hasMessageContaining("docker-archive:PATH[:NAME]")
                .hasMessageContaining("oci:DIR[:REF]").hasMessageContaining("oci-archive:PATH[:REF]")
                .hasMessageContaining("docker://REF");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker:app", "docker:/app", "docker://"})
    void dockerWithoutSlashesOrAReferenceIsATypedError(String text) {
        assertThatThrownBy(() -> ImageSource.parse(text)).isInstanceOf(ImageSourceException.class)
                .satisfies(kindAndReason(ErrorKind.SOURCE, ImageSourceException.Reason.INVALID))
                .hasMessageContaining("write docker://REF");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-daemon:", "docker-archive:", "oci:"})
    void aTransportWithNothingAfterItIsATypedError(String text) {
        assertThatThrownBy(() -> ImageSource.parse(text)).isInstanceOf(ImageSourceException.class)
                .satisfies(kindAndReason(ErrorKind.SOURCE, ImageSourceException.Reason.INVALID))
                .hasMessageContaining("names no");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "oci:/tmp/layout:          | has an empty reference after its ':'; write oci:DIR[:REF] without the ':'",
        "docker-archive:/tmp/a.tar: | has an empty image name after its ':'; write docker-archive:PATH[:NAME]",
        "oci::latest               | has an empty path before its ':'",
        "docker-archive::app:1     | has an empty path before its ':'",
    })
    void anEmptyPartAroundTheColonIsATypedErrorNotIgnored(String text, String message) {
        assertThatThrownBy(() -> ImageSource.parse(text)).isInstanceOf(ImageSourceException.class)
                .satisfies(kindAndReason(ErrorKind.SOURCE, ImageSourceException.Reason.INVALID))
                .hasMessageContaining("'" + text + "'").hasMessageContaining(message);
    }
}
