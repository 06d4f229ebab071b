package dev.hoist.cli;

import dev.hoist.Hoist;
import dev.hoist.registry.ManifestSummary;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hoist delete}: deletes the manifest a reference names. */
@Command(name = "delete", description = "Delete the manifest REF names (a tag is resolved to its digest first) and"
        + " print its digest. Every tag that points at that manifest is gone with it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:deleted", "1:no such manifest, the registry does not delete, or it failed",
                "2:usage error"})
final class DeleteCommand implements Callable<Integer> {

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
        PrintWriter out = spec.commandLine().getOut();
        ManifestSummary deleted;
        try (Hoist hoist = Hoists.open(cli)) {
            deleted = options.registryForWriting(hoist, reference).delete(reference);
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("Deleted manifest " + deleted.digest() + " of " + reference + "; every tag that pointed at it is"
                + " gone with it.");
        err.flush();
        out.println(deleted.digest());
        out.flush();
        return ExitCode.OK;
    }
}
