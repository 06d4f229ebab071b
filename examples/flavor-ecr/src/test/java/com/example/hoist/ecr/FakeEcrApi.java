package com.example.hoist.ecr;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ECR API's two calls, on loopback. It keeps a set of repositories, answers as ECR does
 * (a missing repository is HTTP 400 with {@code RepositoryNotFoundException}), checks every
 * request's SigV4 signature against the key it knows, and records what it was sent.
 */
final class FakeEcrApi implements AutoCloseable {

    static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
    static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String REGION = "eu-west-1";

    private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/([0-9]{8})/([^/]+)/ecr/aws4_request,"
            + " SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX").withZone(ZoneOffset.UTC);

    /** One request as the fake received it; header names lower case. */
    record Call(String target, String body, Map<String, String> headers, boolean signatureValid) {
        String operation() {
            return target.substring(target.indexOf('.') + 1);
        }
    }

    private final HttpServer server;
    private final Set<String> repositories = ConcurrentHashMap.newKeySet();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile String forcedAnswer;
    private volatile int forcedStatus;

    private FakeEcrApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeEcrApi start() throws IOException {
        return new FakeEcrApi();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    FakeEcrApi withRepository(String repository) {
        repositories.add(repository);
        return this;
    }

    /** From now on, every call gets this answer instead of the real one. */
    void answerEveryCallWith(int status, String json) {
        forcedStatus = status;
        forcedAnswer = json;
    }

    Set<String> repositories() {
        return repositories;
    }

    List<Call> calls() {
        return calls;
    }

    List<String> operations() {
        return calls.stream().map(Call::operation).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            String target = headers.getOrDefault("x-amz-target", "");
            boolean signatureValid = signatureValid(exchange.getRequestMethod(), headers, body);
            calls.add(new Call(target, body, headers, signatureValid));

            if (forcedAnswer != null) {
                respond(exchange, forcedStatus, forcedAnswer);
            } else if (!signatureValid) {
                respond(exchange, 400, error("InvalidSignatureException", "The request signature we calculated does not"
                        + " match the signature you provided."));
            } else if (target.equals(EcrApiClient.TARGET_PREFIX + "DescribeRepositories")) {
                String name = field(body, "repositoryNames\":\\[\"([^\"]*)\"").orElse("");
                if (repositories.contains(name)) {
                    respond(exchange, 200, "{\"repositories\":[{\"repositoryName\":\"" + name + "\"}]}");
                } else {
                    respond(exchange, 400, error("RepositoryNotFoundException", "The repository with name '" + name
                            + "' does not exist in the registry with id '123456789012'"));
                }
            } else if (target.equals(EcrApiClient.TARGET_PREFIX + "CreateRepository")) {
                String name = field(body, "repositoryName\":\"([^\"]*)\"").orElse("");
                if (repositories.add(name)) {
                    respond(exchange, 200, "{\"repository\":{\"repositoryName\":\"" + name + "\"}}");
                } else {
                    respond(exchange, 400, error("RepositoryAlreadyExistsException", "The repository with name '" + name
                            + "' already exists in the registry with id '123456789012'"));
                }
            } else {
                respond(exchange, 400, error("UnknownOperationException", null));
            }
        }
    }

    /** Recomputes the signature from what arrived, as AWS does, with the key this fake knows. */
    private static boolean signatureValid(String method, Map<String, String> headers, String body) {
        Matcher authorization = AUTHORIZATION.matcher(headers.getOrDefault("authorization", ""));
        if (!authorization.matches() || !authorization.group(3).equals(REGION) || !headers.containsKey("x-amz-date")) {
            return false;
        }
        Map<String, String> signedHeaders = new TreeMap<>();
        for (String name : authorization.group(4).split(";")) {
            if (!headers.containsKey(name)) {
                return false;
            }
            signedHeaders.put(name, headers.get(name));
        }
        Optional<SecretText> token = Optional.ofNullable(headers.get("x-amz-security-token")).map(SecretText::of);
        AwsCredentials credentials = new AwsCredentials(authorization.group(1), SecretText.of(SECRET_ACCESS_KEY), token);
        Instant time = Instant.from(AMZ_DATE.parse(headers.get("x-amz-date")));
        SigV4Signer.Signature expected = new SigV4Signer(REGION, "ecr").sign(
                new SigV4Signer.Request(method, "/", "", signedHeaders, body.getBytes(StandardCharsets.UTF_8)),
                credentials, time);
        return expected.headers().get("authorization").equals(headers.get("authorization"));
    }

    private static String error(String type, String message) {
        return "{\"__type\":\"" + type + "\"" + (message == null ? "" : ",\"message\":\"" + message + "\"") + "}";
    }

    private static Optional<String> field(String json, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(json);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", EcrApiClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
