package dev.hoist.transport.registry;

import dev.hoist.push.PushProgress;
import dev.hoist.transport.copy.CopyDestination;
import dev.hoist.transport.copy.CopySource;
import dev.hoist.transport.copy.ImageCopy;
import dev.hoist.transport.source.ImageSourceOpener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The in-process harness of {@code benchmarks/copy-vs-peers.sh}: one JVM copies each {@code SOURCE DESTINATION}
 * pair ({@code host/repo:tag}, anonymous registries) in turn through one {@link RegistryApiTransport} and prints one
 * line per copy: {@code source <TAB> destination <TAB> milliseconds <TAB> bytes copied <TAB> blob results}. The time
 * is the copy alone, without JVM start-up.
 *
 * <pre>java -cp … dev.hoist.transport.registry.CopyBench CACHE_DIR SOURCE DESTINATION [SOURCE DESTINATION]…</pre>
 */
public final class CopyBench {

    private CopyBench() {
    }

    private static RegistryTarget target(String reference) {
        int slash = reference.indexOf('/');
        int colon = reference.lastIndexOf(':');
        return RegistryTarget.of(reference.substring(0, slash), reference.substring(slash + 1, colon),
                reference.substring(colon + 1));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length % 2 == 0) {
            System.err.println("usage: CopyBench CACHE_DIR SOURCE DESTINATION [SOURCE DESTINATION]...");
            System.exit(2);
        }
        RegistryApiSettings settings = new RegistryApiSettings(
                Integer.parseInt(System.getProperty("parallelism", "4")), 1, Optional.of(Path.of(args[0])),
                1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(60), Optional.empty(), 5,
                Duration.ofMillis(500), Duration.ofSeconds(30));
        try (RegistryApiTransport transport = new RegistryApiTransport(settings, ImageSourceOpener.withoutEngine())) {
            for (int i = 1; i < args.length; i += 2) {
                long start = System.nanoTime();
                ImageCopy.Outcome outcome;
                try (CopySource in = transport.copySource(target(args[i]), Optional.empty());
                     CopyDestination out = transport.copyDestination(target(args[i + 1]), Optional.empty(),
                             args[i])) {
                    outcome = new ImageCopy(transport.uploads(), PushProgress.none()).copy(in, out, List.of());
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.println(args[i] + "\t" + args[i + 1] + "\t" + millis + "\t" + outcome.bytesCopied() + "\t"
                        + (outcome.alreadyThere() ? "already there" : outcome.blobs().stream()
                        .map(b -> b.result().toString()).toList()));
            }
        }
    }
}
