package dev.hoist.cli;

import dev.hoist.spi.HoistException;
import dev.hoist.component.UnknownComponentException;
import dev.hoist.spi.CredentialLookupException;
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
// scope INHERIT: every subcommand gets --help (and --version) too, and exits 0 with them.
@Command(name = "hoist", mixinStandardHelpOptions = true, versionProvider = HoistCli.Version.class,
        scope = ScopeType.INHERIT,
        description = "Pushes container images to container registries through flavors.",
        subcommands = {FlavorsCommand.class, ValidateCommand.class, StacksCommand.class, RefCommand.class, PushCommand.class, AuthCommand.class, DemoCommand.class, EngineCommand.class, VersionCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the work failed or an input was invalid",
                "2:usage error: bad arguments, unknown flavor or registry, invalid config or plugins directory"})
public final class HoistCli {

    static {
        // Before any logger exists: no logging setting can make the CLI print X-Registry-Auth.
        SecretSafeLogging.pin();
    }

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
        // Arguments are literal: '@path' is an image name or URI to check, never a file to read
        // (picocli would expand it even after '--', and print the file's content in the error).
        cli.setExpandAtFiles(false);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(HoistCli::exitCodeOf);
        cli.setParameterExceptionHandler((error, arguments) -> {
            reportUsage(error, verbose);
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            Throwable reported = unwrapGuice(error);
            report(reported, commandLine.getErr(), verbose);
            return exitCodeOf(reported);
        });
        try {
            return cli.execute(args);
        } catch (StackOverflowError deep) {
            // Whatever recursed without end (a config nested far too deep that slipped past the checks):
            // a one-line report, never an uncaught error in "main".
            report(deep, err, verbose);
            return ExitCode.FAILED;
        }
    }

    /**
     * Guice's creation and provision failures as Hoist's own: every config problem in one
     * {@link HoistConfigException}, else the first Hoist exception, else the first cause Guice
     * recorded. Guice's multi-line report never reaches the user.
     */
    static Throwable unwrapGuice(Throwable error) {
        if (!(error instanceof com.google.inject.CreationException || error instanceof com.google.inject.ProvisionException)) {
            return error;
        }
        RuntimeException unwrapped = dev.hoist.inject.StartupFailure.unwrap((RuntimeException) error);
        if (unwrapped != error) {
            return unwrapped;
        }
        java.util.Collection<com.google.inject.spi.Message> messages = error instanceof com.google.inject.CreationException creation
                ? creation.getErrorMessages() : ((com.google.inject.ProvisionException) error).getErrorMessages();
        return messages.stream().map(com.google.inject.spi.Message::getCause).filter(java.util.Objects::nonNull)
                .findFirst().map(HoistCli::unwrapGuice).orElse(error);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        CancelOnSignal cancel = CancelOnSignal.install(Thread.currentThread());
        int code = run(args, out, err);
        out.flush();
        err.flush();
        cancel.finished();
        // After Ctrl-C the JVM is already exiting with 130 and this call only waits for it.
        System.exit(code);
    }

    static int exitCodeOf(Throwable error) {
        if (error instanceof dev.hoist.push.PushCancelledException) {
            return ExitCode.CANCELLED;
        }
        if (error instanceof CommandLine.ParameterException || error instanceof UnknownFlavorException
                || error instanceof UnknownComponentException || error instanceof HoistConfigException
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
        } else if (error instanceof com.google.inject.CreationException || error instanceof com.google.inject.ProvisionException) {
            // No cause to show: the first line, never Guice's report of every binding.
            String first = String.valueOf(error.getMessage()).lines().filter(line -> !line.isBlank()).findFirst().orElse("");
            err.println("hoist: internal error: " + error.getClass().getSimpleName() + ": " + first
                    + (verbose ? "" : " (run with --verbose for details)"));
        } else {
            err.println("hoist: internal error: " + error + (verbose ? "" : " (run with --verbose for details)"));
        }
        if (verbose) {
            error.printStackTrace(err);
        }
        err.flush();
    }

    /**
     * A usage error (bad arguments) on one line, like every other error, naming where the usage is;
     * a stack trace only with --verbose.
     */
    static void reportUsage(CommandLine.ParameterException error, boolean verbose) {
        PrintWriter err = error.getCommandLine().getErr();
        String reason = error.getMessage() == null ? error.toString() : error.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
        err.println("hoist: " + reason + " (see '" + error.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        if (verbose) {
            error.printStackTrace(err);
        }
        err.flush();
    }

    /** Hoist's version as the build wrote it, and the SPI version; {@code hoist version} says the same. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            HoistVersion version = HoistVersion.current();
            return new String[] {"hoist " + version.hoist() + " (SPI " + version.spi() + ")"};
        }
    }
}
