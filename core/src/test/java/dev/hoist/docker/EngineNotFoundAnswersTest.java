package dev.hoist.docker;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.EngineException;
import dev.hoist.push.ErrorKind;
import dev.hoist.push.ImageSourceException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hoist.auth.Environment;
import dev.hoist.config.DockerSettings;
import dev.hoist.config.WrittenDuration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 404 from the engine's endpoint: Docker's and Podman's JSON "no such image" is a missing image; any other
 * 404 (an empty one, above all) is an endpoint that is not the Docker API, and an operation about no image
 * ({@code hoist engine}'s version, a ping) never talks about an image. The engine is a loopback HTTP server
 * reached through {@code DOCKER_HOST}, as a user's would be.
 */
class EngineNotFoundAnswersTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Starts the fake on a free loopback port and returns its {@code tcp://} endpoint. */
    private String serve(Consumer<HttpExchange> handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            handler.accept(exchange);
        });
        server.start();
        return "tcp://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) {
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (contentType != null) {
                exchange.getResponseHeaders().add("Content-Type", contentType);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 404 with {@code content-length: 0} to every request. */
    private static void emptyNotFound(HttpExchange exchange) {
        answer(exchange, 404, null, "");
    }

    /** A Docker engine that has no images: ping and version answer, every image path is Docker's JSON 404. */
    private static Consumer<HttpExchange> engineWithoutImages(String noSuchImageJson) {
        return exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/_ping")) {
                answer(exchange, 200, "text/plain", "OK");
            } else if (path.endsWith("/version")) {
                answer(exchange, 200, "application/json", "{\"Version\":\"27.0.0\",\"ApiVersion\":\"1.46\"}");
            } else if (path.contains("/images/")) {
                answer(exchange, 404, "application/json", noSuchImageJson);
            } else {
                answer(exchange, 404, "application/json", "{\"message\":\"page not found\"}");
            }
        };
    }

    private DockerEngine engineAt(String endpoint) {
        DockerSettings settings = new DockerSettings("", false, Optional.empty(), Optional.empty(),
                new WrittenDuration(Duration.ofSeconds(5), "5s"), new WrittenDuration(Duration.ofMinutes(1), "1m"),
                new WrittenDuration(Duration.ofSeconds(5), "5s"), "hoist.docker");
        return new DockerEngine(settings, new Environment(Map.of("DOCKER_HOST", endpoint), dir));
    }

    @Test
    void anEmpty404IsNotTheDockerApiAndHoistEngineNeverTalksAboutAnImage() throws Exception {
        String endpoint = serve(EngineNotFoundAnswersTest::emptyNotFound);
        try (DockerEngine engine = engineAt(endpoint)) {
            EngineInfo info = engine.info();

            assertThat(info.reachable()).isFalse();
            assertThat(info.source()).contains("DOCKER_HOST");
            assertThat(info.problem()).hasValueSatisfying(problem -> assertThat(problem)
                    .isEqualTo("The endpoint " + endpoint + " (chosen by DOCKER_HOST) answered, but with something"
                            + " that is not the Docker API (HTTP 404 with an empty body while asking the engine for"
                            + " its version). Check that it points at a Docker or Podman engine, not at another service.")
                    .doesNotContainIgnoringCase("image").doesNotContain("(none)").doesNotContain("\n"));
            assertThat(engine.isReachable()).isFalse();
            assertThat(requests).isNotEmpty().allMatch(request -> !request.contains("/images/"));
        }
    }

    @Test
    void anEmpty404ToAPushOrASaveIsNotAMissingImage() throws Exception {
        String endpoint = serve(EngineNotFoundAnswersTest::emptyNotFound);
        try (DockerEngine engine = engineAt(endpoint)) {
            assertThatThrownBy(() -> engine.push("127.0.0.1:5000/trial/img", "1", Optional.empty()))
                    .isInstanceOf(EngineException.class)
                    .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.PROTOCOL))
                    .hasMessageContaining(endpoint + " (chosen by DOCKER_HOST)")
                    .hasMessageContaining("HTTP 404 with an empty body while pushing '127.0.0.1:5000/trial/img:1'")
                    .hasMessageNotContaining("does not exist");
            assertThatThrownBy(() -> engine.saveImage("127.0.0.1:5000/trial/img:1"))
                    .isInstanceOf(EngineException.class)
                    .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.PROTOCOL))
                    .hasMessageContaining("HTTP 404 with an empty body while saving '127.0.0.1:5000/trial/img:1'");
            assertThatThrownBy(() -> engine.removeImage("127.0.0.1:5000/trial/img:1"))
                    .as("a name that is 'already gone' only when the engine says so")
                    .isInstanceOf(EngineException.class)
                    .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.PROTOCOL));
            assertThatThrownBy(() -> engine.loadImage(new ByteArrayInputStream(new byte[10])))
                    .isInstanceOf(EngineException.class)
                    .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.PROTOCOL))
                    .hasMessageNotContaining("(archive)").hasMessageNotContaining("does not exist");
            assertThat(requests).anyMatch(request -> request.startsWith("POST ") && request.endsWith("/push"));
        }
    }

    @Test
    void a404WithATextBodyIsNotTheDockerApiEither() throws Exception {
        String endpoint = serve(exchange -> answer(exchange, 404, "text/plain", "404 page not found"));
        try (DockerEngine engine = engineAt(endpoint)) {
            assertThatThrownBy(() -> engine.saveImage("app:1"))
                    .isInstanceOf(EngineException.class)
                    .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.PROTOCOL))
                    .hasMessageContaining("HTTP 404 with a body that is not the engine's JSON error");
        }
    }

    @Test
    void dockersJsonNoSuchImageIsAMissingImage() throws Exception {
        String endpoint = serve(engineWithoutImages("{\"message\":\"No such image: 127.0.0.1:5000/trial/img:1\"}"));
        try (DockerEngine engine = engineAt(endpoint)) {
            assertThat(engine.info().reachable()).isTrue();
            assertThatThrownBy(() -> engine.push("127.0.0.1:5000/trial/img", "1", Optional.empty()))
                    .isInstanceOf(ImageSourceException.class)
                    .satisfies(kindAndReason(ErrorKind.SOURCE, ImageSourceException.Reason.NOT_FOUND))
                    .hasMessageStartingWith("Image '127.0.0.1:5000/trial/img:1' does not exist in the local Docker engine.");
            assertThatThrownBy(() -> engine.saveImage("127.0.0.1:5000/trial/img:1"))
                    .isInstanceOf(ImageSourceException.class)
                    .satisfies(kindAndReason(ErrorKind.SOURCE, ImageSourceException.Reason.NOT_FOUND));
            engine.removeImage("127.0.0.1:5000/trial/img:1"); // Already gone: fine.
        }
    }

    @Test
    void podmansJsonNoSuchImageIsAMissingImage() throws Exception {
        String endpoint = serve(engineWithoutImages("{\"cause\":\"image not known\",\"message\":\"failed to find image"
                + " app:1: app:1: image not known\",\"response\":404}"));
        try (DockerEngine engine = engineAt(endpoint)) {
            assertThatThrownBy(() -> engine.saveImage("app:1")).isInstanceOf(ImageSourceException.class)
                    .satisfies(kindAndReason(ErrorKind.SOURCE, ImageSourceException.Reason.NOT_FOUND));
        }
    }

    @Test
    void dockersPageNotFoundIsARouteTheEndpointDoesNotHaveNotAMissingImage() throws Exception {
        String endpoint = serve(exchange -> answer(exchange, 404, "application/json", "{\"message\":\"page not found\"}"));
        try (DockerEngine engine = engineAt(endpoint)) {
            assertThatThrownBy(() -> engine.saveImage("app:1"))
                    .isInstanceOf(EngineException.class)
                    .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.PROTOCOL))
                    .hasMessageContaining("HTTP 404 'page not found' while saving 'app:1'");
            assertThat(engine.info().problem()).hasValueSatisfying(problem -> assertThat(problem)
                    .contains("not the Docker API").doesNotContainIgnoringCase("image"));
        }
    }

    @Test
    void anotherErrorToAnOperationAboutNoImageNamesNoImage() throws Exception {
        String endpoint = serve(exchange -> answer(exchange, 500, "application/json", "{\"message\":\"disk full\"}"));
        try (DockerEngine engine = engineAt(endpoint)) {
            assertThat(engine.info().problem()).hasValueSatisfying(problem -> assertThat(problem)
                    .isEqualTo("The Docker engine at " + endpoint + " (chosen by DOCKER_HOST) answered HTTP 500 while"
                            + " asking the engine for its version: disk full. Check the engine's log, or that the"
                            + " endpoint is a Docker or Podman engine."));
            assertThatThrownBy(() -> engine.loadImage(new ByteArrayInputStream(new byte[10])))
                    .isInstanceOf(EngineException.class)
                    .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.ERROR))
                    .hasMessageNotContaining("(archive)");
        }
    }
}
