package dev.hoist.cli;

import dev.hoist.Hoist;
import dev.hoist.docker.EngineInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hoist engine}: which engine Hoist would push through, the rule that found it, and whether it answers. */
@Command(name = "engine", description = "Show the Docker engine (or Podman) Hoist pushes through: its endpoint, the rule"
        + " that chose it (config, DOCKER_HOST, context:<name> or socket), whether it answers, and its name, version"
        + " and API version.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the engine answers",
                "1:no engine was found, or it does not answer; the reason goes to stderr",
                "2:a usage error, such as a docker context that is named but does not exist"})
final class EngineCommand implements Callable<Integer> {

    @Option(names = "--json", description = "One JSON object on one line:"
            + " {\"endpoint\",\"source\",\"reachable\",\"engine\",\"version\",\"apiVersion\"}.")
    boolean json;

    @ParentCommand
    HoistCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EngineInfo info;
        try (Hoist hoist = Hoists.open(cli)) {
            info = hoist.engine();
        }
        if (json) {
            out.println(Json.object()
                    .put("endpoint", info.endpoint().orElse(null))
                    .put("source", info.source().orElse(null))
                    .put("reachable", info.reachable())
                    .put("engine", info.engine().orElse(null))
                    .put("version", info.version().orElse(null))
                    .put("apiVersion", info.apiVersion().orElse(null)));
        } else {
            out.println("endpoint:   " + info.endpoint().orElse("(none found)"));
            out.println("source:     " + info.source().orElse("(none)"));
            out.println("reachable:  " + (info.reachable() ? "yes" : "no"));
            if (info.reachable()) {
                out.println("engine:     " + info.engine().orElse("?") + " " + info.version().orElse("?")
                        + " (API " + info.apiVersion().orElse("?") + ")");
            }
        }
        out.flush();
        info.problem().ifPresent(problem -> {
            err.println("hoist: " + problem);
            err.flush();
        });
        return info.reachable() ? ExitCode.OK : ExitCode.FAILED;
    }
}
