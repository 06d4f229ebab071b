package dev.hoist.cli;

import dev.hoist.Hoist;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hoist tags}: every tag of a repository. */
@Command(name = "tags", description = "Print every tag of REPOSITORY, one a line, in the registry's order, across"
        + " every page of its listing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "1:no such repository, or the registry failed", "2:usage error"})
final class TagsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "One JSON object: repository, tags.")
    boolean json;

    @Parameters(paramLabel = "REPOSITORY", description = "A repository without tag, like localhost:5000/app.")
    String repository;

    @Mixin
    ReadOptions options = new ReadOptions();

    @ParentCommand
    HoistCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        repository = ReadOptions.reference(repository);
        PrintWriter out = spec.commandLine().getOut();
        try (Hoist hoist = Hoists.open(cli)) {
            List<String> tags = options.registryFor(hoist, repository).tags(repository);
            if (json) {
                out.println(Json.object().put("repository", repository).put("tags", tags));
            } else {
                tags.forEach(out::println);
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
