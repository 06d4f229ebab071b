package dev.hoist.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A plain-HTTP server on loopback that writes each answer's raw bytes as the test says, so a test can send what no
 * well-behaved server would: an answer cut inside its headers, say. A TLS handshake is answered by closing the
 * connection (so a client falls back to plain HTTP at once). One connection at a time; each request's
 * {@code METHOD path?query} is recorded. Requests are read with {@link HttpWire}.
 */
public final class RawHttpServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Function<String, String> answers;
    private final Thread thread;

    /** @param answers the raw answer (status line, headers and all) to a request line such as {@code HEAD /v2/ HTTP/1.1} */
    public RawHttpServer(Function<String, String> answers) throws IOException {
        this.answers = answers;
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "raw-http-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code 127.0.0.1:<port>}. */
    public String host() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** The request lines so far, without the protocol. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                while (true) {
                    HttpWire.Request request = HttpWire.Request.read(in);
                    if (request == null) {
                        break;
                    }
                    String line = request.line();
                    requests.add(line.substring(0, line.lastIndexOf(' ')));
                    in.readNBytes((int) request.contentLength());
                    String answer = answers.apply(line);
                    out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (!answer.endsWith("\r\n\r\n") && !answer.contains("\r\n\r\n")) {
                        break; // a cut answer: the connection ends here
                    }
                }
            } catch (IOException ended) {
                // The next connection, or the server was closed.
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
