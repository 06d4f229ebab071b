package dev.hoist.cli;

import dev.hoist.Hoist;
import dev.hoist.registry.ManifestSummary;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hoist digest}: the manifest digest a registry has for a reference, without an engine. */
@Command(name = "digest", description = "Print the manifest digest the registry has for REF (one HEAD; a GET only"
        + " when the registry sends no digest). With --platform, the digest of that platform's manifest in an index.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "1:no such manifest or platform (the message lists the platforms there are),"
                + " or the registry failed", "2:usage error"})
final class DigestCommand implements Callable<Integer> {

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "The platform whose manifest to resolve in an index, like linux/arm64/v8.")
    String platform;

    @Option(names = "--json", description = "One JSON object: reference, digest, mediaType, size.")
    boolean json;

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
        PrintWriter out = spec.commandLine().getOut();
        try (Hoist hoist = Hoists.open(cli)) {
            ManifestSummary found = options.registryFor(hoist, reference).digest(reference, chosen);
            out.println(json ? json(found) : found.digest());
        }
        out.flush();
        return ExitCode.OK;
    }

    /** The contract of {@code hoist digest --json}: exactly these fields, in this order. */
    static Json json(ManifestSummary found) {
        return Json.object().put("reference", found.reference()).put("digest", found.digest())
                .put("mediaType", found.mediaType()).put("size", found.size());
    }
}
