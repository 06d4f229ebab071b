package dev.hoist.cli;

import dev.hoist.HoistException;
import dev.hoist.UnknownRegistryException;
import dev.hoist.auth.CredentialLookupException;
import dev.hoist.config.HoistConfigException;
import dev.hoist.discovery.FlavorDiscoveryException;
import dev.hoist.discovery.UnknownFlavorException;
import dev.hoist.docker.EngineContextNotFoundException;
import dev.hoist.docker.EngineDiscoveryException;
import dev.hoist.plugin.PluginException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code hoist} command. Each subcommand is a thin shell over Hoist's Java API. */
@Command(name = "hoist", mixinStandardHelpOptions = true, versionProvider = HoistCli.Version.class,
        description = "Pushes container images to container registries through flavors.",
        subcommands = {FlavorsCommand.class, ValidateCommand.class, StacksCommand.class, RefCommand.class, PushCommand.class, AuthCommand.class, DemoCommand.class, EngineCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the work failed or an input was invalid",
                "2:usage error: bad arguments, unknown flavor or registry, invalid config or plugins directory"})
public final class HoistCli {

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "A HOCON config file laid over the built-in defaults.")
    Path config;

    @Option(names = "--plugins", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "A directory of third-party flavor jars, each loaded in isolation (config: hoist.plugins.directory).")
    Path plugins;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show stack traces with errors.")
    boolean verbose;

    /** Runs the CLI and returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine cli = new CommandLine(new HoistCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(HoistCli::exitCodeOf);
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            report(error, commandLine.getErr(), verbose);
            return exitCodeOf(error);
        });
        return cli.execute(args);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    static int exitCodeOf(Throwable error) {
        if (error instanceof CommandLine.ParameterException || error instanceof UnknownFlavorException
                || error instanceof UnknownRegistryException || error instanceof HoistConfigException
                || error instanceof FlavorDiscoveryException || error instanceof PluginException
                || error instanceof CredentialLookupException || error instanceof EngineContextNotFoundException
                || error instanceof EngineDiscoveryException) {
            return ExitCode.USAGE;
        }
        return ExitCode.FAILED;
    }

    /** One line of reason (more for a list of config problems); a stack trace only with --verbose. */
    static void report(Throwable error, PrintWriter err, boolean verbose) {
        if (error instanceof HoistException) {
            err.println("hoist: " + error.getMessage());
        } else {
            err.println("hoist: internal error: " + error + (verbose ? "" : " (run with --verbose for details)"));
        }
        if (verbose) {
            error.printStackTrace(err);
        }
        err.flush();
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HoistCli.class.getPackage().getImplementationVersion();
            return new String[] {"hoist " + (version == null ? "(development build)" : version)};
        }
    }
}
