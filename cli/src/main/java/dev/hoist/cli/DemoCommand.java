package dev.hoist.cli;

import dev.hoist.Hoist;
import dev.hoist.docker.DockerEngine;
import dev.hoist.image.ImageArchive;
import dev.hoist.registry.ContainerRegistry;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hoist demo}: the whole path on the embedded default. Makes a fresh image with no
 * network, tags it for the default registry, pushes it, and prints the digest.
 */
@Command(name = "demo", description = "Make a small image of random bytes, push it through the default registry, "
        + "and print its digest as the last line on stdout.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--payload-bytes", paramLabel = "N", defaultValue = "1048576",
            description = "Size of the random layer payload (default: ${DEFAULT-VALUE}).")
    int payloadBytes;

    @Option(names = "--keep", description = "Keep the local image after the push (it is removed by default).")
    boolean keep;

    @picocli.CommandLine.Mixin
    ProgressOptions progress = new ProgressOptions();

    @ParentCommand
    HoistCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (payloadBytes < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--payload-bytes must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProgressOptions.Mode mode = progress.resolved();
        progress.checkDigestFile(spec.commandLine());
        ProgressOptions.configureLogging(mode);
        boolean quiet = mode == ProgressOptions.Mode.QUIET;
        SecureRandom random = new SecureRandom();
        String tag = HexFormat.of().formatHex(random.generateSeed(6));
        try (Hoist hoist = Hoists.open(cli)) {
            ContainerRegistry registry = hoist.defaultRegistry();
            DockerEngine docker = hoist.docker();
            String localName = "hoist-demo:" + tag;
            String repository = registry.uri() + "/hoist-demo";
            String image = repository + ":" + tag;
            if (!quiet) {
                err.printf("Building %s (%d random bytes) and loading it into %s%n", localName, payloadBytes, docker.host());
                err.flush();
            }
            ImageArchive archive = ImageArchive.randomImage(localName, payloadBytes, random);
            docker.loadImage(new java.io.ByteArrayInputStream(archive.bytes()));
            docker.tagImage(localName, repository, tag);
            if (!quiet) {
                err.printf("Pushing %s through registry '%s' (flavor %s)%n", image, registry.name(), registry.flavor());
                err.flush();
            }
            String digest;
            try (ProgressOptions.Renderer renderer = ProgressOptions.renderer(mode, err)) {
                digest = registry.push(dev.hoist.push.ImageSource.dockerDaemon(image), image, renderer).digest();
            }
            if (!keep) {
                docker.removeImage(image);
                docker.removeImage(localName);
            }
            // The progress renderer's summary line already said "Pushed IMAGE DIGEST: ..." on stderr.
            out.println(digest);
            out.flush();
            progress.writeDigest(digest);
        }
        return ExitCode.OK;
    }
}
