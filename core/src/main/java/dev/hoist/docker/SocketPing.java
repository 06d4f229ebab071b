package dev.hoist.docker;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Whether a unix socket answers the Docker API's {@code GET /_ping} with {@code 200}, within a
 * time limit. Used by {@link EngineDiscovery} to pick among the well-known sockets; a socket that
 * exists but does not answer is passed over, as one left behind by a stopped engine would be.
 */
final class SocketPing implements Predicate<Path> {

    private final Duration timeout;

    SocketPing(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public boolean test(Path socket) {
        if (!Files.exists(socket) || Files.isRegularFile(socket) || Files.isDirectory(socket)) {
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer answer = ByteBuffer.allocate(64);
            while (answer.hasRemaining()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0 || selector.select(left) == 0) {
                    break;
                }
                selector.selectedKeys().clear();
                if (channel.read(answer) < 0) {
                    break;
                }
                String text = new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
                if (text.contains("\r\n")) {
                    return text.startsWith("HTTP/1.") && text.substring(8).strip().startsWith("200");
                }
            }
            return false;
        } catch (IOException | RuntimeException notAnEngine) {
            return false;
        }
    }
}
