package dev.hoist.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A fault-injecting HTTP/1.1 proxy on 127.0.0.1 in front of a real registry, for tests of the registry-API
 * transport. Each request goes to the upstream on a connection of its own and every answer carries
 * {@code Connection: close}, so each client connection holds one request.
 *
 * <p>{@link Rule}s match by method and a regex over the request target (path and query); a rule fires for its first
 * {@code times} matches, the first matching rule that has any left wins. Faults: answer a status (with or without
 * {@code Retry-After}) without asking the upstream; reset the connection (RST) after N bytes of the request body;
 * stall N seconds, then close; forward, then send only the first half of the answer's bytes and close; forward and
 * replace {@code Docker-Content-Digest}; forward the request body at most N bytes a second.
 *
 * <p>{@link #log()} lists every request seen, as {@code "METHOD target -> status"} (status {@code -1} for a fault
 * that sent none). An entry is logged before its answer leaves, so a client that has read an answer finds it in the
 * log.
 */
public final class FaultProxy implements AutoCloseable {

    /** What a rule does. */
    public sealed interface Fault {
    }

    /** Answer {@code status} with an empty JSON error body; {@code retryAfter} null for no header. */
    public record Status(int status, String retryAfter) implements Fault {
    }

    /** Answer 401 with {@code WWW-Authenticate: challenge}, as a registry refusing an expired token does. */
    public record Unauthorized(String challenge) implements Fault {
    }

    /** Forward {@code bytes} bytes of the request body, then reset the client connection (RST). */
    public record ResetAfter(long bytes) implements Fault {
    }

    /** Read nothing and answer nothing for {@code duration}, then close. */
    public record Stall(Duration duration) implements Fault {
    }

    /** Forward, then send only the first half of the answer's bytes (status line, headers, body) and close. */
    public record Truncate() implements Fault {
    }

    /** Forward, and replace the answer's {@code Docker-Content-Digest} with {@code digest}. */
    public record ReplaceDigest(String digest) implements Fault {
    }

    /** Forward, sending the request body upstream at most {@code bytesPerSecond}. */
    public record Throttle(long bytesPerSecond) implements Fault {
    }

    /** A fault for the first {@code times} requests of {@code method} whose target matches {@code target}. */
    public static final class Rule {
        final String method;
        final Pattern target;
        final Fault fault;
        final AtomicInteger left;
        final AtomicInteger fired = new AtomicInteger();

        Rule(String method, String target, Fault fault, int times) {
            this.method = method;
            this.target = Pattern.compile(target);
            this.fault = fault;
            this.left = new AtomicInteger(times);
        }

        /** How many times it fired. */
        public int fired() {
            return fired.get();
        }

        boolean take(String requestMethod, String requestTarget) {
            if (!method.equalsIgnoreCase(requestMethod) || !target.matcher(requestTarget).find()) {
                return false;
            }
            while (true) {
                int now = left.get();
                if (now <= 0) {
                    return false;
                }
                if (left.compareAndSet(now, now - 1)) {
                    fired.incrementAndGet();
                    return true;
                }
            }
        }
    }

    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * Starts a proxy on a free loopback port.
     *
     * @param upstream the registry's {@code host:port}
     */
    public FaultProxy(String upstream) throws IOException {
        int colon = upstream.lastIndexOf(':');
        this.upstreamHost = upstream.substring(0, colon);
        this.upstreamPort = Integer.parseInt(upstream.substring(colon + 1));
        this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        workers.execute(this::acceptLoop);
    }

    /** {@code 127.0.0.1:<port>}: the registry host to push to. */
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Adds a rule; returns it, to read {@link Rule#fired()} later. */
    public Rule rule(String method, String targetRegex, Fault fault, int times) {
        Rule rule = new Rule(method, targetRegex, fault, times);
        rules.add(rule);
        return rule;
    }

    /** Removes every rule. */
    public void clearRules() {
        rules.clear();
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

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                workers.execute(() -> {
                    try (client) {
                        handle(client);
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

    private void handle(Socket client) throws IOException {
        InputStream in = new BufferedInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream();
        in.mark(1);
        if (in.read() == 0x16) {
            return; // a TLS ClientHello: this proxy speaks plain HTTP only, so it closes at once
        }
        in.reset();
        List<String> head = readHead(in);
        if (head.isEmpty()) {
            return;
        }
        String[] requestLine = head.get(0).split(" ");
        String method = requestLine[0];
        String target = requestLine[1];
        Fault fault = null;
        for (Rule rule : rules) {
            if (rule.take(method, target)) {
                fault = rule.fault;
                break;
            }
        }
        String entry = method + " " + target;
        if (fault instanceof Status status) {
            String body = "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"injected by FaultProxy\"}]}";
            String answer = "HTTP/1.1 " + status.status() + " Injected\r\nContent-Type: application/json\r\n"
                    + (status.retryAfter() == null ? "" : "Retry-After: " + status.retryAfter() + "\r\n")
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
            log.add(entry + " -> " + status.status());
            out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return;
        }
        if (fault instanceof Unauthorized unauthorized) {
            String body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"injected by FaultProxy\"}]}";
            String answer = "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nWWW-Authenticate: "
                    + unauthorized.challenge() + "\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body;
            log.add(entry + " -> 401");
            out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return;
        }
        if (fault instanceof Stall stall) {
            log.add(entry + " -> -1");
            sleep(stall.duration().toMillis());
            return;
        }
        boolean expectContinue = false;
        long length = -1;
        boolean chunked = false;
        StringBuilder upstreamHead = new StringBuilder(head.get(0)).append("\r\n");
        for (String line : head.subList(1, head.size())) {
            String name = line.substring(0, Math.max(0, line.indexOf(':'))).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(line.indexOf(':') + 1).strip();
            switch (name) {
                case "expect" -> expectContinue = value.equalsIgnoreCase("100-continue");
                case "connection", "keep-alive", "proxy-connection" -> { }
                default -> {
                    if (name.equals("content-length")) {
                        length = Long.parseLong(value);
                    }
                    if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                        chunked = true;
                    }
                    upstreamHead.append(line).append("\r\n");
                }
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
            long limit = fault instanceof ResetAfter reset ? reset.bytes() : Long.MAX_VALUE;
            long rate = fault instanceof Throttle throttle ? throttle.bytesPerSecond() : 0;
            boolean complete = copyBody(in, up, length, chunked, limit, rate);
            up.flush();
            if (!complete) {
                log.add(entry + " -> -1");
                client.setSoLinger(true, 0); // close() sends RST
                return;
            }
            byte[] answer = upstream.getInputStream().readAllBytes();
            answer = rewrite(answer, fault);
            int status = statusOf(answer);
            if (fault instanceof Truncate) {
                log.add(entry + " -> -1");
                out.write(answer, 0, answer.length / 2);
                out.flush();
                return;
            }
            log.add(entry + " -> " + status);
            out.write(answer);
            out.flush();
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
                String sizeLine = readLine(in);
                up.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
                if (size == 0) {
                    String trailer;
                    do {
                        trailer = readLine(in);
                        up.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    } while (!trailer.isEmpty());
                    return true;
                }
                byte[] chunk = in.readNBytes(size);
                if (!copier.copy(chunk, 0, chunk.length)) {
                    return false;
                }
                up.write((readLine(in) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
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

    /** The answer with {@code Connection: close}, and a replaced {@code Docker-Content-Digest} when asked. */
    private static byte[] rewrite(byte[] answer, Fault fault) {
        int end = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            return answer;
        }
        String[] lines = new String(answer, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        StringBuilder head = new StringBuilder(lines[0]).append("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String lower = lines[i].toLowerCase(Locale.ROOT);
            if (lower.startsWith("connection:") || lower.startsWith("keep-alive:")) {
                continue;
            }
            if (fault instanceof ReplaceDigest replace && lower.startsWith("docker-content-digest:")) {
                head.append("Docker-Content-Digest: ").append(replace.digest()).append("\r\n");
                continue;
            }
            head.append(lines[i]).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        whole.write(answer, end + 4, answer.length - end - 4);
        return whole.toByteArray();
    }

    private static int statusOf(byte[] answer) {
        String first = new String(answer, 0, Math.min(answer.length, 64), StandardCharsets.ISO_8859_1);
        String[] parts = first.split(" ");
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1].strip()) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            lines.add(line);
        }
        return lines;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void sleep(long millis) {
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
