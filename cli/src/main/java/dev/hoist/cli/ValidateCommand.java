package dev.hoist.cli;

import dev.hoist.config.HoistConfig;
import dev.hoist.inject.HoistModule;
import dev.hoist.spi.HoistException;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.InvalidRegistryUriException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hoist validate}: checks registry URIs against one flavor's rules. */
@Command(name = "validate", description = "Check registry URIs against a flavor's rules and show their normal form.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every URI is valid", "1:some URI is invalid", "2:usage error, such as an unknown flavor"})
final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--flavor", required = true, paramLabel = "NAME", description = "The flavor whose rules apply.")
    String flavorName;

    @Option(names = "--json", description = "One JSON object per URI per line.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "URI", description = "Registry URIs to check.")
    List<String> uris;

    @ParentCommand
    HoistCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (HoistModule module = Hoists.module(cli)) {
            return validate(module.registryFlavors().require(flavorName, HoistConfig.ROOT).flavor(), spec.commandLine().getOut());
        }
    }

    private int validate(ContainerRegistryFlavor flavor, PrintWriter out) {
        boolean allValid = true;
        for (String uri : uris) {
            Json line = Json.object().put("uri", uri);
            try {
                String normalized = flavor.normalizeUri(uri);
                line.put("valid", true).put("normalized", normalized);
                if (!json) {
                    out.println("valid    " + uri + " -> " + normalized);
                }
            } catch (HoistException invalid) {
                // A rule the URI breaks, or a flavor that failed or answered nonsense (named with its class and jar).
                allValid = false;
                line.put("valid", false).put("error", invalid.getMessage());
                if (!json) {
                    out.println("invalid  " + uri + ": " + invalid.getMessage());
                }
            }
            if (json) {
                out.println(line);
            }
        }
        out.flush();
        return allValid ? ExitCode.OK : ExitCode.FAILED;
    }
}
