package dev.hoist.cli;

import dev.hoist.spi.HoistException;
import dev.hoist.push.ErrorKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code hoist} command. Each subcommand is a thin shell over Hoist's Java API. */
// scope INHERIT: every subcommand gets --help (and --version) too, and exits 0 with them.
@Command(name = "hoist", mixinStandardHelpOptions = true, versionProvider = HoistCli.Version.class,
        scope = ScopeType.INHERIT,
        description = "Pushes container images to container registries through flavors.",
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

    /** Where exact bytes go ({@code inspect --raw}): standard output itself, never re-encoded by a writer. */
    private java.io.OutputStream raw = System.out;

    java.io.OutputStream raw() {
        return raw;
    }

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show stack traces with errors.")
    boolean verbose;

    /**
     * The subcommands by name, in the order {@code hoist --help} lists them. They are added to the command line in
     * {@link #run}, not named in the {@code @Command} annotation, so that a run builds picocli's model (reflection
     * over every option of every command) only for the subcommand it runs.
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands(FlavorsCommand.class, ValidateCommand.class,
            StacksCommand.class, RefCommand.class, PushCommand.class, CopyCommand.class, DigestCommand.class,
            InspectCommand.class, TagsCommand.class, DeleteCommand.class, AuthCommand.class, DemoCommand.class,
            EngineCommand.class, VersionCommand.class, CommandLine.HelpCommand.class);

    /** Options of {@code hoist} itself that take a value in the next argument. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("--config", "--plugins");

    private static Map<String, Class<?>> subcommands(Class<?>... commands) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> command : commands) {
            byName.put(command.getAnnotation(Command.class).name(), command);
        }
        return Collections.unmodifiableMap(byName);
    }

    /**
     * The subcommand {@code args} name: the first argument that is neither an option of {@code hoist} nor such an
     * option's value. Empty when there is none, or it names no subcommand, or it is {@code help} (which needs the
     * others): then every subcommand is added, so that help and picocli's "did you mean" see them all.
     */
    static Optional<String> onlySubcommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return Optional.empty();
            }
            if (OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return SUBCOMMANDS.containsKey(arg) && !arg.equals("help") ? Optional.of(arg) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Runs the CLI and returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, new java.io.OutputStream() {
            // Without a byte stream (in process), exact bytes are decoded as UTF-8 onto the writer.
            private final java.io.ByteArrayOutputStream held = new java.io.ByteArrayOutputStream();

            @Override
            public void write(int b) {
                held.write(b);
            }

            @Override
            public void flush() {
                out.print(held.toString(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
                held.reset();
            }
        });
    }

    /**
     * Runs the CLI and returns its exit code.
     *
     * @param raw where exact bytes go ({@code inspect --raw}, {@code --config}): standard output's own stream
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, java.io.OutputStream raw) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        HoistCli root = new HoistCli();
        root.raw = raw;
        CommandLine cli = new CommandLine(root);
        Optional<String> only = onlySubcommand(args);
        SUBCOMMANDS.forEach((name, command) -> {
            if (only.isEmpty() || only.get().equals(name)) {
                cli.addSubcommand(command);
            }
        });
        CommandLine inspect = cli.getSubcommands().get("inspect");
        if (inspect != null) {
            ownConfigOption(inspect);
        }
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
        } catch (StackOverflowError | LinkageError deep) {
            // Whatever recursed without end (a config nested far too deep that slipped past the checks), or a class
            // some code needs and no jar holds: a one-line report, never an uncaught error in "main".
            report(deep, err, verbose);
            return ExitCode.FAILED;
        }
    }

    /**
     * {@code inspect --config} is the image config (the read-side contract), not the inherited {@code --config FILE}:
     * the inherited option is taken out of that subcommand and a flag bound to {@link InspectCommand#config} put in.
     */
    private static void ownConfigOption(CommandLine inspect) {
        CommandLine.Model.CommandSpec spec = inspect.getCommandSpec();
        CommandLine.Model.OptionSpec inherited = spec.findOption("--config");
        if (inherited != null) {
            spec.remove(inherited);
        }
        InspectCommand command = inspect.getCommand();
        spec.addOption(CommandLine.Model.OptionSpec.builder("--config").type(boolean.class).arity("0")
                .description(InspectCommand.CONFIG_OPTION)
                .setter(new CommandLine.Model.ISetter() {
                    @Override
                    public <T> T set(T value) {
                        command.config = Boolean.TRUE.equals(value);
                        return value;
                    }
                }).build());
    }

    /**
     * Guice's creation and provision failures as Hoist's own: every config problem in one
     * {@link dev.hoist.config.HoistConfigException}, else the first Hoist exception, else the first cause Guice
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
        // Hoist binds no method interceptors, so Guice needs no generated classes: without them it never reaches
        // for sun.misc.Unsafe (HiddenClassDefiner), which JDK 24+ warns about on every run (JEP 498). A value the
        // user set stands.
        if (System.getProperty("guice_bytecode_gen_option") == null) {
            System.setProperty("guice_bytecode_gen_option", "DISABLED");
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        CancelOnSignal cancel = CancelOnSignal.install(Thread.currentThread());
        int code = run(args, out, err, System.out);
        out.flush();
        err.flush();
        cancel.finished();
        // After Ctrl-C the JVM is already exiting with 130 and this call only waits for it.
        System.exit(code);
    }

    /**
     * The exit code of an error: 2 for picocli's usage errors, else the exit code of the error's
     * {@link ErrorKind} ({@link ErrorKind#of}: 130 cancelled, 2 configuration, 1 the rest and anything unclassified).
     */
    static int exitCodeOf(Throwable error) {
        if (error instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE;
        }
        return ErrorKind.of(error).exitCode();
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
