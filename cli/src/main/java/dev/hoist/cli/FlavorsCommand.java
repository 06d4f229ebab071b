package dev.hoist.cli;

import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.spi.ContainerRegistryFlavor;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hoist flavors}: what the class path offers, and from which jar. */
@Command(name = "flavors", description = "List the container registry flavors found, with the jar each came from.")
final class FlavorsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "One JSON object per flavor per line.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        FlavorCatalog<ContainerRegistryFlavor> catalog =
                FlavorCatalog.discover(ContainerRegistryFlavor.class, HoistCli.class.getClassLoader());
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
        return ExitCode.OK;
    }
}
