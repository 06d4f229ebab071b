package dev.hoist.cli;

import dev.hoist.Hoist;
import dev.hoist.registry.ContainerRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hoist push}: one image through one configured registry. */
@Command(name = "push", description = "Push a local image through a configured registry. "
        + "Progress goes to stderr; the last line on stdout is the manifest digest.")
final class PushCommand implements Callable<Integer> {

    @Option(names = "--registry", paramLabel = "NAME",
            description = "A registry under hoist.registries; default: hoist.default-registry.")
    String registryName;

    @Parameters(paramLabel = "IMAGE", description = "The image, named under the registry's URI, like localhost:5000/app:1.0.")
    String image;

    @ParentCommand
    HoistCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Hoist hoist = Hoists.open(cli)) {
            ContainerRegistry registry = registryName == null ? hoist.defaultRegistry() : hoist.registry(registryName);
            String digest = registry.pushImage(image);
            out.println(digest);
            out.flush();
        }
        return ExitCode.OK;
    }
}
