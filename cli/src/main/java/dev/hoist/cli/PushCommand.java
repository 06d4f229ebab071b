package dev.hoist.cli;

import dev.hoist.Hoist;
import dev.hoist.push.ImageSource;
import dev.hoist.push.ImageSourceException;
import dev.hoist.push.PushResult;
import dev.hoist.registry.ContainerRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hoist push}: one image through one registry: the one {@code --registry} names, else the registry for IMAGE by
 * Hoist's rule (the configured owner, else an implicit registry for its host).
 */
@Command(name = "push", description = "Push an image through a registry: from the engine by its own name,"
        + " or from --from SOURCE. Without --registry, the configured registry that owns IMAGE, else an implicit"
        + " registry for its host (the flavor that claims it, or default). Progress goes to stderr; the last line on"
        + " stdout is the manifest digest, or with --json one object.")
final class PushCommand implements Callable<Integer> {

    @Option(names = "--registry", paramLabel = "NAME",
            description = "A registry under hoist.registries, which must own IMAGE; default: the configured registry"
                    + " that owns IMAGE, else an implicit one for its host (hoist.implicit-registries).")
    String registryName;

    @Option(names = "--from", paramLabel = "SOURCE",
            description = "Where the image is: docker-daemon:NAME, docker-archive:PATH[:NAME], oci:DIR[:REF],"
                    + " oci-archive:PATH[:REF] or docker://REF (a registry). Default: the engine's image named IMAGE.")
    String from;

    @Option(names = "--json", description = "Print one JSON object: image, digest, mediaType, size, transport, layers,"
            + " bytesUploaded, durationMs, registry (null for an implicit one), flavor.")
    boolean json;

    @Parameters(paramLabel = "IMAGE", description = "The name to push as, under the registry's URI, like localhost:5000/app:1.0.")
    String image;

    @picocli.CommandLine.Mixin
    ProgressOptions progress = new ProgressOptions();

    @ParentCommand
    HoistCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ImageSource source;
        try {
            source = from == null ? ImageSource.dockerDaemon(image) : ImageSource.parse(from);
        } catch (ImageSourceException unknown) {
            // A --from that names no source is a usage error (exit 2); a source that cannot be read fails the push (1).
            throw new ParameterException(spec.commandLine(), "--from: " + unknown.getMessage());
        }
        ProgressOptions.Mode mode = progress.resolved();
        progress.checkDigestFile(spec.commandLine());
        ProgressOptions.configureLogging(mode);
        PushResult result;
        ContainerRegistry registry;
        try (Hoist hoist = Hoists.open(cli)) {
            registry = registryName == null ? hoist.registryFor(image) : hoist.registry(registryName);
            try (ProgressOptions.Renderer renderer = ProgressOptions.renderer(mode, spec.commandLine().getErr(),
                    registry.describe())) {
                if (source.kind() == ImageSource.Kind.REGISTRY) {
                    // Another registry's image: a copy, each end with its own registry's credentials. Without
                    // --registry the copier picks the destination by the same rule, which gives this very registry.
                    result = hoist.copier(java.util.Optional.empty(), java.util.Optional.ofNullable(registryName))
                            .push(source, image, renderer);
                } else {
                    result = registry.push(source, image, renderer);
                }
            }
        }
        // stdout first: its last line is the digest (or the JSON object) even when --digest-file cannot be written.
        out.println(json ? json(result, registry) : result.digest());
        out.flush();
        progress.writeDigest(result.digest());
        return ExitCode.OK;
    }

    /**
     * The contract of {@code hoist push --json}: exactly these fields, in this order. {@code registry} and
     * {@code flavor} came last (issue 22), so that every earlier field keeps its place.
     */
    static Json json(PushResult result, ContainerRegistry registry) {
        return Json.object()
                .put("image", result.image())
                .put("digest", result.digest())
                .put("mediaType", result.mediaType())
                .put("size", result.size())
                .put("transport", result.transport())
                .put("layers", result.layers().stream().map(layer -> Json.object()
                        .put("digest", layer.digest())
                        .put("size", layer.size())
                        .put("result", layer.result().toString())).toList())
                .put("bytesUploaded", result.bytesUploaded())
                .put("durationMs", result.durationMs())
                .put("registry", registry.configuredName().orElse(null))
                .put("flavor", registry.flavor());
    }
}
