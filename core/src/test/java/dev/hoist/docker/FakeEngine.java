package dev.hoist.docker;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake engine on a unix socket that misbehaves in one way: it never answers, answers HTML, or cuts a push
 * stream in the middle. Each connection is served on its own thread; {@link #close()} stops everything.
 */
public final class FakeEngine implements AutoCloseable {

    /** How the fake answers. */
    public enum Behaviour {
        /** Accepts, reads the request, never answers. */
        SILENT,
        /** Answers every request with 200 and an HTML page, as a web server would. */
        HTML,
        /** Answers a push with half a progress stream, chunked as dockerd does, then closes mid-chunk; other requests get 200 {}. */
        CUT_PUSH
    }

    private final Path socket;
    private final Behaviour behaviour;
    private final ServerSocketChannel server;
    private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public FakeEngine(Path dir, Behaviour behaviour) throws IOException {
        this.socket = dir.resolve("fake-" + behaviour.name().toLowerCase() + ".sock");
        Files.deleteIfExists(socket);
        this.behaviour = behaviour;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        this.acceptor = new Thread(this::acceptLoop, "fake-engine-" + behaviour);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The endpoint, {@code unix://…}. */
    public String endpoint() {
        return "unix://" + socket;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel connection = server.accept();
                connections.add(connection);
                Thread serving = new Thread(() -> serve(connection), "fake-engine-connection");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(SocketChannel connection) {
        try {
            while (connection.isOpen()) {
                String request = readRequest(connection);
                if (request == null) {
                    return;
                }
                switch (behaviour) {
                    case SILENT -> {
                        // Keep reading (a request body, if any) and never answer.
                    }
                    case HTML -> write(connection, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 46\r\n\r\n"
                            + "<html><body><h1>It works!</h1></body></html>\r\n");
                    case CUT_PUSH -> {
                        if (request.startsWith("POST") && request.contains("/push")) {
                            String first = "{\"status\":\"The push refers to repository [localhost:5000/app]\"}\r\n";
                            String second = "{\"status\":\"Pushing\",\"progressDetail\":{\"current\":512,\"total\":4096},\"id\":\"0123456789ab\"}\r\n";
                            write(connection, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                                    + Integer.toHexString(first.length()) + "\r\n" + first + "\r\n"
                                    // Announce a chunk longer than what follows, then hang up.
                                    + Integer.toHexString(second.length() + 100) + "\r\n" + second);
                            connection.close();
                            return;
                        }
                        write(connection, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
                    }
                    default -> throw new IllegalStateException(behaviour.name());
                }
            }
        } catch (IOException closed) {
            // The client went away.
        }
    }

    /** Reads up to the end of the request's headers; a body, if any, is read (and ignored) by later calls. */
    private static String readRequest(SocketChannel connection) throws IOException {
        StringBuilder head = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!head.toString().endsWith("\r\n\r\n")) {
            one.clear();
            if (connection.read(one) < 0) {
                return null;
            }
            head.append((char) one.get(0));
            if (head.length() > 65536) {
                head.setLength(0); // A body: keep draining it.
            }
        }
        return head.toString();
    }

    private static void write(SocketChannel connection, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            connection.write(buffer);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel connection : connections) {
            connection.close();
        }
        Files.deleteIfExists(socket);
    }
}
