package dev.hoist.cli;

import dev.hoist.api.HostPattern;
import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.inject.HoistModule;
import dev.hoist.spi.HoistException;
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
        try (HoistModule module = Hoists.module(cli)) {
            FlavorCatalog<ContainerRegistryFlavor> catalog = module.registryFlavors();
            boolean described = list(catalog, spec.commandLine().getOut());
            return catalog.problems().isEmpty() && described ? ExitCode.OK : ExitCode.FAILED;
        }
    }

    /**
     * Prints each flavor; a flavor whose own code fails to describe itself, an invalid host pattern, and a pattern
     * two flavors claim are reported on stderr.
     */
    private boolean list(FlavorCatalog<ContainerRegistryFlavor> catalog, PrintWriter out) {
        boolean all = true;
        java.util.Map<String, String> claimedBy = new java.util.TreeMap<>();
        for (DiscoveredFlavor<ContainerRegistryFlavor> entry : catalog.all()) {
            ContainerRegistryFlavor flavor = entry.flavor();
            try {
                String description = flavor.description();
                String docs = flavor.docsUrl().toString();
                java.util.List<String> hosts = new java.util.ArrayList<>();
                for (String pattern : flavor.hosts()) {
                    try {
                        hosts.add(HostPattern.parse(pattern).pattern());
                    } catch (IllegalArgumentException | NullPointerException invalid) {
                        all = false;
                        spec.commandLine().getErr().println("hoist: Flavor '" + entry.name() + "' ("
                                + entry.origin().describe() + ") claims an invalid host: " + invalid.getMessage()
                                + ". That claim is ignored.");
                    }
                }
                for (String pattern : hosts) {
                    String who = "'" + entry.name() + "' (" + entry.origin().describe() + ")";
                    String other = claimedBy.putIfAbsent(pattern, who);
                    if (other != null) {
                        all = false;
                        spec.commandLine().getErr().println("hoist: Host pattern '" + pattern + "' is claimed by flavor "
                                + other + " and by flavor " + who + "; an image on such a host needs a configured"
                                + " registry. Remove one of the jars.");
                    }
                }
                if (json) {
                    out.println(Json.object()
                            .put("name", entry.name())
                            .put("type", flavor.type().id())
                            .put("description", description)
                            .put("docs", docs)
                            .put("jar", entry.origin().artifact())
                            .put("location", entry.origin().location())
                            .put("hosts", hosts));
                } else {
                    out.printf("%-10s %s%n           docs: %s%n           jar:  %s%n           hosts: %s%n", entry.name(),
                            description, docs, entry.origin().describe(),
                            hosts.isEmpty() ? "none claimed" : String.join(", ", hosts));
                }
            } catch (HoistException broken) {
                all = false;
                spec.commandLine().getErr().println("hoist: " + broken.getMessage());
            }
        }
        out.flush();
        return all;
    }
}
