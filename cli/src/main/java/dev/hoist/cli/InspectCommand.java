package dev.hoist.cli;

import dev.hoist.Hoist;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.registry.ImageDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hoist inspect}: a manifest or index as the registry holds it. */
@Command(name = "inspect", description = "Describe the image the registry has for REF as one JSON object (digest,"
        + " media type, size, an index's platforms, a manifest's layers and config); --raw prints the manifest's"
        + " exact bytes, --config the image config's.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "1:no such manifest or platform, or the registry failed", "2:usage error"})
final class InspectCommand implements Callable<Integer> {

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "Describe that platform's manifest of an index, like linux/amd64.")
    String platform;

    @Option(names = "--raw", description = "Print the manifest's (or index's) exact bytes.")
    boolean raw;

    /**
     * {@code --config}: the image config's exact bytes. The name is also the global {@code --config FILE}, which
     * every other subcommand inherits; {@link HoistCli} swaps the inherited option for this one here ({@link
     * #CONFIG_OPTION}), so the config file of an inspect goes before the subcommand: {@code hoist --config FILE
     * inspect --config REF}.
     */
    boolean config;

    /** The description of {@code inspect --config}. */
    static final String CONFIG_OPTION = "Print the image config's exact bytes (an index needs --platform). The"
            + " config file of an inspect goes before the subcommand: hoist --config FILE inspect ...";

    @Parameters(paramLabel = "REF", description = "An image reference with a tag or digest, like localhost:5000/app:1.")
    String reference;

    @Mixin
    ReadOptions options = new ReadOptions();

    @ParentCommand
    HoistCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        reference = ReadOptions.reference(reference);
        var chosen = ReadOptions.platform(platform, spec);
        if (raw && config) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--raw and --config are mutually exclusive: give one.");
        }
        try (Hoist hoist = Hoists.open(cli)) {
            ContainerRegistry registry = options.registryFor(hoist, reference);
            if (raw) {
                raw(registry.manifest(reference, chosen).bytes());
            } else if (config) {
                raw(registry.config(reference, chosen));
            } else {
                spec.commandLine().getOut().println(json(registry.inspect(reference, chosen)));
                spec.commandLine().getOut().flush();
            }
        }
        return ExitCode.OK;
    }

    private void raw(byte[] bytes) {
        spec.commandLine().getOut().flush();
        try {
            cli.raw().write(bytes);
            cli.raw().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contract of {@code hoist inspect}: exactly these fields, in this order. */
    static Json json(ImageDescription image) {
        return Json.object()
                .put("reference", image.reference())
                .put("digest", image.digest())
                .put("mediaType", image.mediaType())
                .put("size", image.size())
                .put("platforms", image.platforms().stream().map(p -> Json.object()
                        .put("os", p.os())
                        .put("architecture", p.architecture())
                        .put("variant", p.variant().orElse(null))
                        .put("digest", p.digest())).toList())
                .put("layers", image.layers().stream().map(layer -> Json.object()
                        .put("digest", layer.digest())
                        .put("size", layer.size())
                        .put("mediaType", layer.mediaType())).toList())
                .put("config", image.config().orElse(null));
    }
}
