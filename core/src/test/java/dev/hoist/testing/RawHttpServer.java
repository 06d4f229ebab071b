package dev.hoist.testing;

import java.io.ByteArrayOutputStream;
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
import java.util.Locale;
import java.util.function.Function;

/**
 * A plain-HTTP server on loopback that writes each answer's raw bytes as the test says, so a test can send what no
 * well-behaved server would: an answer cut inside its headers, say. A TLS handshake is answered by closing the
 * connection (so a client falls back to plain HTTP at once). One connection at a time; each request's
 * {@code METHOD path?query} is recorded.
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
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                while (true) {
                    String head = readHead(in);
                    if (head == null) {
                        break;
                    }
                    String line = head.substring(0, head.indexOf("\r\n"));
                    requests.add(line.substring(0, line.lastIndexOf(' ')));
                    int length = contentLength(head);
                    in.readNBytes(length);
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

    /** The request head up to its empty line; {@code null} at the end of the stream or on a TLS handshake. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (head.size() == 0 && b == 0x16) {
                return null;
            }
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
