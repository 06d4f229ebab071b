package dev.hoist.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * replace {@code Docker-Content-Digest}; forward the request body at most N bytes a second; forward and remove a
 * header from the answer; answer 307 to another server without asking the upstream; forward and flip one byte of the
 * answer's body.
 *
 * <p>{@link #log()} lists every request seen, as {@code "METHOD target -> status"} (status {@code -1} for a fault
 * that sent none). An entry is logged before its answer leaves, so a client that has read an answer finds it in the
 * log.
 */
public final class FaultProxy extends LoopbackProxy {

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

    /**
     * Forward, and remove every header {@code name} (any case) from the answer: say {@code Docker-Content-Digest}
     * from a manifest {@code HEAD}, as Amazon ECR leaves it out.
     */
    public record StripHeader(String name) implements Fault {
    }

    /**
     * Answer {@code 307 Temporary Redirect} with {@code Location: baseUrl + <the request's path and query>}, without
     * asking the upstream: say a blob {@code GET} sent on to a {@link BlobStoreServer}. {@code baseUrl} is a scheme
     * and authority such as {@code http://127.0.0.1:40123}; a trailing {@code /} is dropped.
     */
    public record RedirectTo(String baseUrl) implements Fault {
    }

    /**
     * Forward, then flip one byte (the middle one) of the answer's body, keeping its length: a blob whose bytes do
     * not match its digest. A chunked body is decoded first and sent with {@code Content-Length}; an empty body
     * (a {@code HEAD}) is left as it is.
     */
    public record CorruptBody() implements Fault {
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

    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    /**
     * Starts a proxy on a free loopback port.
     *
     * @param upstream the registry's {@code host:port}
     */
    public FaultProxy(String upstream) throws IOException {
        super(upstream, "fault-proxy");
        start();
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

    @Override
    protected void handle(Socket client, HttpWire.Request request, InputStream in, OutputStream out)
            throws IOException {
        Fault fault = null;
        for (Rule rule : rules) {
            if (rule.take(request.method(), request.target())) {
                fault = rule.fault;
                break;
            }
        }
        if (fault instanceof Status status) {
            byte[] body = "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"injected by FaultProxy\"}]}"
                    .getBytes(StandardCharsets.ISO_8859_1);
            List<String> headers = status.retryAfter() == null ? List.of("Content-Type: application/json")
                    : List.of("Content-Type: application/json", "Retry-After: " + status.retryAfter());
            respond(out, request, HttpWire.answer(status.status(), "Injected", headers, body));
            return;
        }
        if (fault instanceof Unauthorized unauthorized) {
            byte[] body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"injected by FaultProxy\"}]}"
                    .getBytes(StandardCharsets.ISO_8859_1);
            respond(out, request, HttpWire.answer(401, "Unauthorized", List.of("Content-Type: application/json",
                    "WWW-Authenticate: " + unauthorized.challenge()), body));
            return;
        }
        if (fault instanceof RedirectTo redirect) {
            String base = redirect.baseUrl().endsWith("/")
                    ? redirect.baseUrl().substring(0, redirect.baseUrl().length() - 1) : redirect.baseUrl();
            respond(out, request, HttpWire.answer(307, "Temporary Redirect",
                    List.of("Location: " + base + request.target()), new byte[0]));
            return;
        }
        if (fault instanceof Stall stall) {
            record(request, -1);
            sleep(stall.duration().toMillis());
            return;
        }
        long limit = fault instanceof ResetAfter reset ? reset.bytes() : Long.MAX_VALUE;
        long rate = fault instanceof Throttle throttle ? throttle.bytesPerSecond() : 0;
        byte[] answer = forward(request, in, out, limit, rate);
        if (answer == null) {
            record(request, -1);
            client.setSoLinger(true, 0); // close() sends RST
            return;
        }
        answer = rewrite(answer, fault);
        if (fault instanceof Truncate) {
            record(request, -1);
            out.write(answer, 0, answer.length / 2);
            out.flush();
            return;
        }
        respond(out, request, answer);
    }

    /** The answer with {@code Connection: close}, edited as {@code fault} asks; an answer with no whole head as is. */
    private static byte[] rewrite(byte[] raw, Fault fault) throws IOException {
        HttpWire.Answer answer = HttpWire.Answer.parse(raw);
        if (answer == null) {
            return raw;
        }
        answer = answer.closing();
        if (fault instanceof ReplaceDigest replace && answer.header("Docker-Content-Digest").isPresent()) {
            answer = answer.with("Docker-Content-Digest", replace.digest());
        } else if (fault instanceof StripHeader strip) {
            answer = answer.without(strip.name());
        } else if (fault instanceof CorruptBody) {
            answer = answer.dechunked();
            byte[] body = answer.body().clone();
            if (body.length > 0) {
                body[body.length / 2] ^= (byte) 0xFF;
            }
            answer = answer.withBody(body);
        }
        return answer.bytes();
    }
}
