package dev.hoist.transport.registry;

import dev.hoist.push.ImageSource;
import dev.hoist.push.PushResult;
import dev.hoist.docker.DockerEngine;
import dev.hoist.testing.TestServices;
import dev.hoist.transport.source.ImageSourceOpener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The in-process harness of {@code benchmarks/push-vs-peers.sh}: one JVM pushes each {@code SOURCE TARGET} pair
 * in turn through one {@link RegistryApiTransport} (anonymous, so for the plain registry) and prints one line per
 * push: {@code source <TAB> target <TAB> milliseconds <TAB> bytes uploaded <TAB> layer results}. The time is
 * {@link PushResult#durationMs()}, the push alone, without JVM start-up.
 *
 * <pre>java -cp … dev.hoist.transport.registry.PushBench CACHE_DIR SOURCE HOST/REPO:TAG [SOURCE HOST/REPO:TAG]…</pre>
 */
public final class PushBench {

    private PushBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length % 2 == 0) {
            System.err.println("usage: PushBench CACHE_DIR SOURCE HOST/REPO:TAG [SOURCE HOST/REPO:TAG]...");
            System.exit(2);
        }
        RegistryApiSettings settings = new RegistryApiSettings(
                Integer.parseInt(System.getProperty("parallelism", "4")),
                Integer.parseInt(System.getProperty("level", "1")), Optional.of(Path.of(args[0])), 1024 * 1024,
                Duration.ofSeconds(5), Duration.ofSeconds(60), Optional.empty(), 5, Duration.ofMillis(500),
                Duration.ofSeconds(30));
        DockerEngine[] engine = new DockerEngine[1];
        try (RegistryApiTransport transport = new RegistryApiTransport(settings, new ImageSourceOpener(() -> {
            if (engine[0] == null) {
                engine[0] = new DockerEngine(TestServices.dockerSettings());
            }
            return engine[0];
        }))) {
            for (int i = 1; i < args.length; i += 2) {
                String target = args[i + 1];
                int slash = target.indexOf('/');
                int colon = target.lastIndexOf(':');
                RegistryTarget to = RegistryTarget.of(target.substring(0, slash), target.substring(slash + 1, colon),
                        target.substring(colon + 1));
                PushResult result = transport.push(ImageSource.parse(args[i]), to, Optional.empty());
                System.out.println(args[i] + "\t" + target + "\t" + result.durationMs() + "\t" + result.bytesUploaded()
                        + "\t" + result.layers().stream().map(l -> l.result().toString()).toList());
            }
        } finally {
            if (engine[0] != null) {
                engine[0].close();
            }
        }
    }
}
