package dev.hoist.transport.registry;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hoist.push.ErrorKind;
import dev.hoist.push.RegistryConnectionException;
import dev.hoist.push.ImageSource;
import dev.hoist.testing.TestArchives;
import dev.hoist.transport.source.ImageSourceOpener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry that cannot be reached: the error names each way tried in words, not as a bare scheme. */
class RegistryUnreachableTest {

    @TempDir
    Path dir;

    private RegistryApiTransport transport() {
        return new RegistryApiTransport(new RegistryApiSettings(2, 1, Optional.of(dir.resolve("cache")), 1024 * 1024,
                Duration.ofMillis(500), Duration.ofSeconds(2), Optional.empty(), 1,
                Duration.ofMillis(10), Duration.ofMillis(10)), ImageSourceOpener.withoutEngine());
    }

    private Throwable pushTo(String host) throws IOException {
        Path layout = dir.resolve("layout");
        TestArchives.multiPlatformLayout(List.of(TestArchives.randomImage(200)), List.of("linux/amd64"), "v1", layout);
        try (RegistryApiTransport transport = transport()) {
            return catchThrowable(() -> transport.push(ImageSource.ociLayout(layout, Optional.of("v1")),
                    RegistryTarget.of(host, "team/app", "1"), Optional.empty()));
        }
    }

    @Test
    void aRefusedConnectionSaysWhichWayInWords() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        String host = "127.0.0.1:" + port;

        Throwable thrown = pushTo(host);

        assertThat(thrown).isInstanceOf(RegistryConnectionException.class)
                .satisfies(kindAndReason(ErrorKind.CONNECTION, RegistryConnectionException.Reason.UNREACHABLE));
        assertThat(thrown.getMessage())
                // A loopback registry is asked over plain HTTP first; a refusal is one for every scheme.
                .startsWith("Cannot reach the registry " + host + ": over plain HTTP: connection refused. ")
                .doesNotContain("https://:").doesNotContain("http://:");
    }

    @Test
    void everyWayTriedIsNamedInWords() throws Exception {
        // Accepts each connection and closes it at once: TLS and plain HTTP both fail, but not as a refusal.
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        socket.setSoLinger(true, 0);
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "closing-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            String host = "127.0.0.1:" + server.getLocalPort();

            Throwable thrown = pushTo(host);

            assertThat(thrown).isInstanceOf(RegistryConnectionException.class)
                    .satisfies(kindAndReason(ErrorKind.CONNECTION, RegistryConnectionException.Reason.UNREACHABLE));
            assertThat(thrown.getMessage())
                    .startsWith("Cannot reach the registry " + host + ": over plain HTTP: ")
                    .contains("; over HTTPS: ")
                    .contains("; over HTTPS without verifying its certificate: ")
                    .doesNotContain("https://:").doesNotContain("http://:").doesNotContain("(unverified)");
        }
    }
}
