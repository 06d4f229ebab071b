import dev.hoist.Hoist;
import dev.hoist.push.ImageSource;
import dev.hoist.push.PushResult;
import java.nio.file.Path;

/**
 * The in-process side of benchmarks/startup.sh: one JVM builds Hoist, pushes the archive once to warm up (and to
 * put its blobs in the registry), then times ROUNDS more pushes of it under new tags, as the CLI's timed pushes
 * find the blobs there too. Prints one line per timed push: milliseconds.
 *
 * Usage: java -cp hoist.jar benchmarks/startup/InProcessPush.java CONFIG ARCHIVE IMAGE ROUNDS
 */
public final class InProcessPush {
    public static void main(String[] args) {
        Path config = Path.of(args[0]);
        ImageSource source = ImageSource.dockerArchive(Path.of(args[1]));
        int rounds = Integer.parseInt(args[3]);
        try (Hoist hoist = Hoist.builder().configFile(config).build()) {
            hoist.defaultRegistry().push(source, args[2] + "-warm");
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                PushResult result = hoist.defaultRegistry().push(source, args[2] + "-" + i);
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.println(millis + " " + result.digest());
            }
        }
    }
}
