package dev.hoist.cli;

import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.discovery.InstalledFlavors;
import dev.hoist.spi.ContainerRegistryFlavor;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hoist flavors}: what the class path offers, and from which jar. */
@Command(name = "flavors", description = "List the container registry flavors found, with the jar each came from. "
        + "Jars that could not be used are reported on stderr.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every flavor jar was usable", "1:some flavor jar could not be used (each is reported on stderr)"})
final class FlavorsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "One JSON object per flavor per line.")
    boolean json;

    @ParentCommand
    HoistCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // Discovery has already logged each unusable jar as a warning on stderr.
        try (InstalledFlavors installed = Hoists.flavors(cli)) {
            FlavorCatalog<ContainerRegistryFlavor> catalog = installed.catalog();
            list(catalog, spec.commandLine().getOut());
            return catalog.problems().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
        }
    }

    private void list(FlavorCatalog<ContainerRegistryFlavor> catalog, PrintWriter out) {
        for (DiscoveredFlavor<ContainerRegistryFlavor> entry : catalog.all()) {
            ContainerRegistryFlavor flavor = entry.flavor();
            if (json) {
                out.println(Json.object()
                        .put("name", flavor.name())
                        .put("type", flavor.type().id())
                        .put("description", flavor.description())
                        .put("docs", flavor.docsUrl().toString())
                        .put("jar", entry.origin().artifact())
                        .put("location", entry.origin().location()));
            } else {
                out.printf("%-10s %s%n           docs: %s%n           jar:  %s%n", flavor.name(), flavor.description(),
                        flavor.docsUrl(), entry.origin().describe());
            }
        }
        out.flush();
    }
}
