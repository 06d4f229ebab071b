package dev.hoist.cli;

import dev.hoist.Hoist;
import dev.hoist.stack.StackResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hoist stacks}: the configured stacks and what their validation found. */
@Command(name = "stacks", description = "List the configured stacks (hoist.stacks) and whether each is valid.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every stack is valid (or none is configured)", "1:some stack is invalid",
                "2:usage error, such as an invalid config"})
final class StacksCommand implements Callable<Integer> {

    @Option(names = "--json", description = "One JSON object per stack per line: {\"stack\", \"valid\", \"components\", \"errors\"}.")
    boolean json;

    @ParentCommand
    HoistCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Hoist hoist = Hoists.open(cli)) {
            return print(hoist.stacks().results(), spec.commandLine().getOut());
        }
    }

    private int print(List<StackResult> results, PrintWriter out) {
        if (results.isEmpty() && !json) {
            out.println("No stacks are configured; add one as hoist.stacks.<name> { container-registry = <registry> }.");
        }
        for (StackResult result : results) {
            if (json) {
                Json components = Json.object();
                result.components().forEach(components::put);
                out.println(Json.object().put("stack", result.name()).put("valid", result.valid())
                        .put("components", components).put("errors", result.errors()));
                continue;
            }
            StringBuilder line = new StringBuilder(result.valid() ? "valid    " : "invalid  ").append(result.name());
            result.components().forEach((type, name) -> line.append("  ").append(type).append('=').append(name));
            out.println(line);
            result.errors().forEach(error -> out.println("    " + error));
        }
        out.flush();
        return results.stream().allMatch(StackResult::valid) ? ExitCode.OK : ExitCode.FAILED;
    }
}
