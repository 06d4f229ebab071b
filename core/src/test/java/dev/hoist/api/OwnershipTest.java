package dev.hoist.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which registry URI an image belongs to, and which registries are on this machine. */
class OwnershipTest {

    private static final String SHA256 = "sha256:" + "ab".repeat(32);

    @ParameterizedTest(name = "[{index}] {0} under {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # image                              | registry URI                  | belongs
            # The seed's false results: ports and path components compare whole.
            localhost:50001/x                    | localhost:5000                | false
            localhost:5000/x                     | localhost:50001               | false
            gcr.io/proj-evil/x                   | gcr.io/proj                   | false
            user/img                             | docker.io/user                | true
            user/img                             | user                          | true
            # Hosts and ports.
            localhost:5000/x                     | localhost:5000                | true
            localhost:5000/x                     | localhost:5000/               | true
            localhost:5000/x                     | localhost                     | false
            localhost/x                          | localhost:5000                | false
            localhost/x                          | localhost                     | true
            localhost/x                          | LocalHost                     | true
            127.0.0.1:5000/team/app              | 127.0.0.1:5000/team           | true
            127.0.0.1:5000/team/app              | 127.0.0.2:5000/team           | false
            GCR.io/proj/x                        | gcr.io/proj                   | true
            gcr.io/proj/x                        | GCR.IO/proj                   | true
            gcr.io/proj/x                        | eu.gcr.io/proj                | false
            eu.gcr.io/proj/x                     | gcr.io/proj                   | false
            # Path components: a prefix, component by component; equality counts.
            gcr.io/proj/x                        | gcr.io/proj                   | true
            gcr.io/proj                          | gcr.io/proj                   | true
            gcr.io/proj/x/y:1                    | gcr.io/proj/x                 | true
            gcr.io/proj/x                        | gcr.io/proj/x/y               | false
            gcr.io/project/x                     | gcr.io/proj                   | false
            gcr.io/proj/x                        | gcr.io/project                | false
            gcr.io/proj.x/y                      | gcr.io/proj                   | false
            gcr.io/proj_x/y                      | gcr.io/proj                   | false
            gcr.io/proj/x                        | gcr.io/PROJ                   | false
            gcr.io/proj/x                        | gcr.io                        | true
            gcr.io/proj/x                        | gcr.io//proj                  | false
            # Docker Hub: aliases, namespaces without host, library/.
            user/img                             | docker.io                     | true
            user/img                             | index.docker.io/user          | true
            user/img                             | registry-1.docker.io/user     | true
            user/img                             | registry.hub.docker.com/user  | true
            user/img                             | Docker.IO/user                | true
            docker.io/user/img                   | user                          | true
            index.docker.io/user/img             | registry-1.docker.io/user     | true
            user/img:1@%s                        | user                          | true
            user/img                             | otheruser                     | false
            user/img                             | use                           | false
            user/img                             | user/img/more                 | false
            user/img                             | gcr.io/user                   | false
            user/img                             | docker.io:443/user            | false
            gcr.io/user/img                      | user                          | false
            gcr.io/user/img                      | docker.io/user                | false
            ubuntu                               | docker.io/library             | true
            ubuntu                               | library                       | true
            ubuntu                               | library/ubuntu                | true
            ubuntu                               | docker.io/ubuntu              | false
            ubuntu                               | ubuntu                        | false
            # IPv6 hosts.
            [::1]:5000/team/app                  | [::1]:5000/team               | true
            [::1]:5000/team/app                  | [::1]:5000                    | true
            [::1]:5000/team/app                  | [::1]:5001/team               | false
            [::1]:5000/team/app                  | [::1]/team                    | false
            [::1]:5000/teamx/app                 | [::1]:5000/team               | false
            [FC00::1]/app                        | [fc00::1]                     | true
            """)
    void belongsTo(String image, String registryUri, boolean belongs) {
        ImageReference reference = ImageReference.parse(image.formatted(SHA256));

        assertThat(reference.belongsTo(registryUri)).isEqualTo(belongs);
        assertThat(RegistryOwnership.belongsTo(reference, registryUri)).isEqualTo(belongs);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"/", "///"})
    void anImageBelongsToNoMissingUri(String registryUri) {
        assertThat(ImageReference.parse("user/img").belongsTo(registryUri)).isFalse();
    }

    @Test
    void dockerHubNamesAreOneHost() {
        String[] names = {"docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com", "DOCKER.IO"};
        for (String a : names) {
            assertThat(RegistryNames.isDockerHub(a)).as(a).isTrue();
            for (String b : names) {
                assertThat(RegistryNames.sameHost(a, b)).as("%s ~ %s", a, b).isTrue();
            }
        }
        assertThat(RegistryNames.isDockerHub("docker.io:443")).isFalse();
        assertThat(RegistryNames.isDockerHub("hub.docker.com")).isFalse();
        assertThat(RegistryNames.sameHost("docker.io", "docker.io:443")).isFalse();
        assertThat(RegistryNames.sameHost("docker.io", null)).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            localhost                 | true
            localhost:5000            | true
            LocalHost:5000            | true
            localhost/team            | true
            localhost:5000/team/app   | true
            127.0.0.1                 | true
            127.0.0.1:5000/x          | true
            127.255.255.254:80        | true
            127.0.0.0                 | true
            [::1]                     | true
            [::1]:5000                | true
            [::1]:5000/team           | true
            128.0.0.1                 | false
            126.0.0.1                 | false
            127.0.0                   | false
            127.0.0.1.2               | false
            127.1                     | false
            127.0.0.256               | false
            127.0.0.01                | false
            127.0.0.-1                | false
            127.0.0.1.nip.io          | false
            1127.0.0.1                | false
            localhost.example.com     | false
            localhost.localdomain     | false
            mylocalhost               | false
            [::2]                     | false
            [::1                      | false
            ::1                       | false
            [::1]x                    | false
            localhost:                | false
            localhost:50a0            | false
            docker.io                 | false
            0.0.0.0                   | false
            team/localhost            | false
            """)
    void isLocalHost(String registryUriOrHost, boolean local) {
        assertThat(RegistryNames.isLoopback(registryUriOrHost)).isEqualTo(local);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingIsNotLocal(String registryUriOrHost) {
        assertThat(RegistryNames.isLoopback(registryUriOrHost)).isFalse();
    }
}
