package com.example.hoist.ecr;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two ECR API calls this flavor makes, over {@link HttpClient}: the AWS JSON 1.1 protocol,
 * {@code POST /} with the operation in {@code X-Amz-Target}, signed with SigV4. No AWS SDK, so the
 * plugin jar stays small and has nothing to bundle.
 */
final class EcrApiClient implements EcrRepositories {

    private static final Logger LOG = LoggerFactory.getLogger(EcrApiClient.class);
    static final String SERVICE = "ecr";
    static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    static final String DESCRIBE_REPOSITORIES = "DescribeRepositories";
    static final String CREATE_REPOSITORY = "CreateRepository";
    private static final Set<String> CREDENTIAL_ERRORS = Set.of("UnrecognizedClientException", "InvalidSignatureException",
            "IncompleteSignature", "MissingAuthenticationTokenException", "ExpiredTokenException", "InvalidClientTokenId",
            "AccessDeniedException", "AccessDeniedExceptionV2");

    private final URI endpoint;
    private final EcrRegistryHost registry;
    private final SigV4Signer signer;
    private final Supplier<AwsCredentials> credentials;
    private final Duration timeout;
    private final Clock clock;
    // Built on first use: a client starts a selector thread, and most registries are never pushed to.
    private HttpClient http;

    /**
     * @param credentials asked before each call, so that missing credentials fail the push that needs them
     */
    EcrApiClient(URI endpoint, EcrRegistryHost registry, Supplier<AwsCredentials> credentials, Duration timeout, Clock clock) {
        this.endpoint = endpoint;
        this.registry = registry;
        this.signer = new SigV4Signer(registry.region(), SERVICE);
        this.credentials = credentials;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public boolean exists(String repository) {
        // registryId makes ECR answer for the registry in the URI, even when the key belongs to another account.
        Answer answer = call(DESCRIBE_REPOSITORIES, repository,
                "{\"registryId\":" + json(registry.accountId()) + ",\"repositoryNames\":[" + json(repository) + "]}");
        if (answer.isSuccess()) {
            return true;
        }
        if (answer.errorType().filter("RepositoryNotFoundException"::equals).isPresent()) {
            return false;
        }
        throw answer.failure();
    }

    @Override
    public void create(String repository) {
        Answer answer = call(CREATE_REPOSITORY, repository,
                "{\"registryId\":" + json(registry.accountId()) + ",\"repositoryName\":" + json(repository) + "}");
        // Another push may have created it since we asked; that is what we wanted.
        if (!answer.isSuccess() && answer.errorType().filter("RepositoryAlreadyExistsException"::equals).isEmpty()) {
            throw answer.failure();
        }
    }

    private Answer call(String operation, String repository, String json) {
        AwsCredentials signWith = credentials.get();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>();
        headers.put("content-type", CONTENT_TYPE);
        headers.put("host", hostHeader(endpoint));
        headers.put("x-amz-target", TARGET_PREFIX + operation);
        String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        SigV4Signer.Signature signature = signer.sign(
                new SigV4Signer.Request("POST", path, "", headers, body), signWith, clock.instant());

        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!name.equals("host")) { // HttpClient writes Host itself, the same way hostHeader() does.
                request.header(name, value);
            }
        });
        signature.headers().forEach(request::header);

        String what = operation + " for repository '" + repository + "' at " + endpoint;
        try {
            HttpResponse<String> response = http().send(request.build(), HttpResponse.BodyHandlers.ofString());
            LOG.debug("ECR {} -> HTTP {}", what, response.statusCode());
            return new Answer(what, response, signWith);
        } catch (HttpTimeoutException slow) {
            throw new EcrApiException("ECR API call " + what + " took longer than " + timeout
                    + " (setting " + EcrSettings.API_TIMEOUT + ").", slow);
        } catch (IOException unreachable) {
            throw new EcrApiException("Cannot reach the ECR API for " + what + ": " + unreachable
                    + ". Check the network, or the registry's " + EcrSettings.API_ENDPOINT + " setting.", unreachable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new EcrApiException("Interrupted during ECR API call " + what + ".", interrupted);
        }
    }

    private synchronized HttpClient http() {
        if (http == null) {
            // HTTP/1.1 sends exactly the Host header that was signed.
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        }
        return http;
    }

    /** The Host header HttpClient sends for {@code uri}: the port only when it is not the scheme's default. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == ("https".equals(uri.getScheme()) ? 443 : 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    /** A JSON string; ECR names and account ids need no more than quotes and backslashes escaped. */
    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** ECR's answer to one call. */
    private static final class Answer {
        private final String what;
        private final HttpResponse<String> response;
        private final AwsCredentials credentials;

        Answer(String what, HttpResponse<String> response, AwsCredentials credentials) {
            this.what = what;
            this.response = response;
            this.credentials = credentials;
        }

        boolean isSuccess() {
            return response.statusCode() / 100 == 2;
        }

        /** The error's name, from the body's {@code __type} ("com.amazonaws...#Name" in some services) or the header. */
        Optional<String> errorType() {
            Optional<String> type = stringField(response.body(), "__type")
                    .or(() -> response.headers().firstValue("x-amzn-ErrorType"));
            return type.map(t -> t.substring(t.indexOf('#') + 1)).map(t -> t.contains(":") ? t.substring(0, t.indexOf(':')) : t);
        }

        EcrApiException failure() {
            String type = errorType().orElse("no error type");
            String message = stringField(response.body(), "message").or(() -> stringField(response.body(), "Message"))
                    .map(text -> ": " + credentials.redact(text)).orElse("");
            String advice = CREDENTIAL_ERRORS.contains(type) || response.statusCode() == 403
                    ? " Check the AWS credentials (access-key-id, secret-access-key, session-token; by default"
                            + " AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), and that they allow"
                            + " ecr:DescribeRepositories and, with create-repository = true, ecr:CreateRepository."
                    : "";
            return new EcrApiException("ECR API call " + what + " failed: HTTP " + response.statusCode() + " " + type
                    + message + "." + advice);
        }

        private static Optional<String> stringField(String json, String name) {
            Matcher field = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
            return field.find() ? Optional.of(field.group(1).replace("\\\"", "\"").replace("\\\\", "\\")) : Optional.empty();
        }
    }
}
