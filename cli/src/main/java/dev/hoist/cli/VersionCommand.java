package dev.hoist.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hoist version}: Hoist's version, the flavor SPI version it provides, and the Java runtime's. */
@Command(name = "version", description = "Show Hoist's version, the flavor SPI version it provides (a flavor's"
        + " Hoist-Spi-Version must have the same major and an equal or older minor), and the Java version it runs on.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:always"})
final class VersionCommand implements Callable<Integer> {

    @Option(names = "--json", description = "One JSON object on one line: {\"version\",\"spi\",\"java\"}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        HoistVersion version = HoistVersion.current();
        if (json) {
            out.println(version.json());
        } else {
            out.println("hoist " + version.hoist());
            out.println("spi   " + version.spi());
            out.println("java  " + version.java());
        }
        out.flush();
        return ExitCode.OK;
    }
}
