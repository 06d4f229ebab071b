package dev.hoist.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * What the test proxies in front of a real registry share ({@link FaultProxy}, {@link TagPagingProxy}): a plain
 * HTTP/1.1 server on a free port of 127.0.0.1, one thread per client connection, and the plain forward of a request
 * to the upstream on a connection of its own. Every answer carries {@code Connection: close}, so each client
 * connection holds one request. A TLS handshake is answered by closing the connection.
 *
 * <p>{@link #log()} lists every request seen, as {@code "METHOD target -> status"} (status {@code -1} when none was
 * sent). Subclasses log an entry before its answer leaves, so a client that has read an answer finds it in the log.
 *
 * <p>A subclass sets its own fields, then calls {@link #start()} as the last step of its constructor.
 */
abstract class LoopbackProxy implements AutoCloseable {

    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket server;
    private final ExecutorService workers;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * Binds a free loopback port; nothing is accepted before {@link #start()}.
     *
     * @param upstream the registry's {@code host:port} (plain HTTP)
     * @param threadName the name of the proxy's threads
     */
    protected LoopbackProxy(String upstream, String threadName) throws IOException {
        int colon = upstream.lastIndexOf(':');
        this.upstreamHost = upstream.substring(0, colon);
        this.upstreamPort = Integer.parseInt(upstream.substring(colon + 1));
        this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts accepting connections; the last call of a subclass's constructor. */
    protected final void start() {
        workers.execute(this::acceptLoop);
    }

    /** {@code 127.0.0.1:<port>}: the registry host to talk to. */
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** The upstream's {@code host:port}. */
    public String upstream() {
        return upstreamHost + ":" + upstreamPort;
    }

    /** Every request seen so far: {@code "METHOD target -> status"}. */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** How many requests of {@code method} with a target matching {@code regex} were seen, whatever their answer. */
    public long requests(String method, String regex) {
        Pattern pattern = Pattern.compile(regex);
        return log.stream().filter(line -> line.startsWith(method + " ")
                && pattern.matcher(line.substring(method.length() + 1, line.lastIndexOf(" -> "))).find()).count();
    }

    /** How many requests of {@code method} with a target matching {@code regex} were answered {@code status}. */
    public long count(String method, String regex, int status) {
        Pattern pattern = Pattern.compile(regex);
        return log.stream().filter(line -> line.startsWith(method + " ") && line.endsWith("-> " + status)
                && pattern.matcher(line.substring(method.length() + 1, line.lastIndexOf(" -> "))).find()).count();
    }

    /** Logs {@code request} as answered {@code status} ({@code -1}: nothing was sent). */
    protected final void record(HttpWire.Request request, int status) {
        log.add(request.method() + " " + request.target() + " -> " + status);
    }

    /**
     * Serves one client connection.
     *
     * @param request the request head, already read
     * @param in the rest of the client's stream: the request body, if any
     */
    protected abstract void handle(Socket client, HttpWire.Request request, InputStream in, OutputStream out)
            throws IOException;

    /** Logs the request, then sends {@code answer} (a whole answer, {@link HttpWire#answer}). */
    protected final void respond(OutputStream out, HttpWire.Request request, byte[] answer) throws IOException {
        record(request, HttpWire.statusOf(answer));
        out.write(answer);
        out.flush();
    }

    /**
     * Forwards the request to the upstream with {@code Connection: close} (other headers as the client wrote them,
     * {@code Host} included), answers {@code 100 Continue} itself when the client expects it, copies the body, and
     * reads the whole answer.
     *
     * @param limit the most request-body bytes to forward; when the body is longer, forwarding stops there
     * @param bytesPerSecond the body's pace upstream; 0 for no limit
     * @return the upstream's raw answer, or {@code null} when {@code limit} stopped the body (the caller resets the
     *         client connection)
     */
    protected final byte[] forward(HttpWire.Request request, InputStream in, OutputStream out, long limit,
                                   long bytesPerSecond) throws IOException {
        boolean expectContinue = false;
        StringBuilder upstreamHead = new StringBuilder(request.line()).append("\r\n");
        for (String line : request.headers()) {
            String name = line.substring(0, Math.max(0, line.indexOf(':'))).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(line.indexOf(':') + 1).strip();
            switch (name) {
                case "expect" -> expectContinue = value.equalsIgnoreCase("100-continue");
                case "connection", "keep-alive", "proxy-connection" -> { }
                default -> upstreamHead.append(line).append("\r\n");
            }
        }
        upstreamHead.append("Connection: close\r\n\r\n");
        try (Socket upstream = new Socket()) {
            upstream.connect(new InetSocketAddress(upstreamHost, upstreamPort), 5000);
            OutputStream up = upstream.getOutputStream();
            up.write(upstreamHead.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (expectContinue) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            boolean complete = copyBody(in, up, request.contentLength(), request.chunked(), limit, bytesPerSecond);
            up.flush();
            if (!complete) {
                return null;
            }
            return upstream.getInputStream().readAllBytes();
        }
    }

    /** Copies the request body; false when {@code limit} bytes were reached first (the caller resets). */
    private static boolean copyBody(InputStream in, OutputStream up, long length, boolean chunked, long limit,
                                    long rate) throws IOException {
        long[] sent = {0};
        long start = System.nanoTime();
        Copier copier = (bytes, offset, count) -> {
            if (sent[0] + count > limit) {
                up.write(bytes, offset, (int) (limit - sent[0]));
                sent[0] = limit;
                return false;
            }
            up.write(bytes, offset, count);
            sent[0] += count;
            if (rate > 0) {
                long due = start + sent[0] * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    sleep(TimeUnit.NANOSECONDS.toMillis(wait) + 1);
                }
            }
            return true;
        };
        if (chunked) {
            while (true) {
                String sizeLine = HttpWire.readLine(in);
                up.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
                if (size == 0) {
                    String trailer;
                    do {
                        trailer = HttpWire.readLine(in);
                        up.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    } while (!trailer.isEmpty());
                    return true;
                }
                byte[] chunk = in.readNBytes(size);
                if (!copier.copy(chunk, 0, chunk.length)) {
                    return false;
                }
                up.write((HttpWire.readLine(in) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        long left = Math.max(0, length);
        byte[] buffer = new byte[16 * 1024];
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return true;
            }
            if (!copier.copy(buffer, 0, n)) {
                return false;
            }
            left -= n;
        }
        return true;
    }

    private interface Copier {
        boolean copy(byte[] bytes, int offset, int count) throws IOException;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                workers.execute(() -> {
                    try (client) {
                        InputStream in = new BufferedInputStream(client.getInputStream());
                        HttpWire.Request request = HttpWire.Request.read(in);
                        if (request != null) {
                            handle(client, request, in, client.getOutputStream());
                        }
                    } catch (IOException | RuntimeException ignored) {
                        // The client went away, or a fault closed the connection.
                    } finally {
                        open.remove(client);
                    }
                });
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** Pauses the calling thread; an interrupt ends the pause early and is kept. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting, closes every connection and stops its threads. */
    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
