package dev.hoist.transport.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.Platform;
import dev.hoist.push.RegistryException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading an index's platforms and picking the entry for one, as {@code --platform} does. */
class ManifestDocumentTest {

    private static String entry(String digestChar, String platform) {
        String[] parts = platform.split("/");
        return "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:"
                + digestChar.repeat(64) + "\",\"size\":10" + (platform.isEmpty() ? "" : ",\"platform\":{\"os\":\""
                + parts[0] + "\",\"architecture\":\"" + parts[1] + "\"" + (parts.length > 2 ? ",\"variant\":\""
                + parts[2] + "\"" : "") + "}") + "}";
    }

    private static final ManifestDocument INDEX = ManifestDocument.parse("application/vnd.oci.image.index.v1+json",
            ("{\"schemaVersion\":2,\"manifests\":[" + String.join(",", entry("a", "linux/amd64"),
                    entry("b", "linux/amd64/v3"), entry("c", "linux/arm64/v8"), entry("d", "linux/arm/v7"),
                    entry("e", "linux/arm/v6"), entry("f", "")) + "]}").getBytes(StandardCharsets.UTF_8));

    @ParameterizedTest
    @CsvSource({
        "linux/amd64,    a",
        "LINUX/AMD64,    a",
        "linux/amd64/v3, b",
        "linux/arm64,    c",
        "linux/arm64/v8, c",
        "linux/arm/v7,   d",
        "linux/arm/v6,   e",
    })
    void theEntryForAPlatformIsTheExactOneOrTheOnlyMatch(String platform, String digestChar) {
        assertThat(INDEX.entryFor(Platform.parse(platform), "x").descriptor().digest())
                .isEqualTo("sha256:" + digestChar.repeat(64));
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux/s390x", "windows/amd64", "linux/amd64/v4"})
    void aPlatformTheIndexLacksIsNotFoundNamingThoseItHas(String platform) {
        assertThatThrownBy(() -> INDEX.entryFor(Platform.parse(platform), "docker://r/app:1"))
                .isInstanceOf(RegistryException.class)
                .hasMessage("docker://r/app:1 has no manifest for platform " + platform + "; it has linux/amd64,"
                        + " linux/amd64/v3, linux/arm64/v8, linux/arm/v7, linux/arm/v6.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux/arm"})
    void severalVariantsAndNoneWithoutAreAmbiguous(String platform) {
        assertThatThrownBy(() -> INDEX.entryFor(Platform.parse(platform), "x"))
                .isInstanceOf(RegistryException.class).hasMessageContaining("name the variant");
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux", "linux/", "/amd64", "a/b/c/d", "", "linux//v7"})
    void aMalformedPlatformIsRefusedNamingTheForm(String text) {
        assertThatThrownBy(() -> Platform.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OS/ARCH[/VARIANT]");
    }
}
