package dev.hoist.config;

import dev.hoist.push.Classified;
import dev.hoist.push.ErrorKind;
import dev.hoist.spi.HoistException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The configuration is invalid. Carries every problem found, not just the first.
 *
 * <p>The message names the config by its root path, the one a host chose ({@code mystack.components}) or
 * {@code hoist}: {@code The configuration under mystack.components has 2 problems:}, then one line per problem.
 * Problems of settings that are not read from a config tree (such as a settings object built in code) have no
 * root: {@code The configuration has a problem:}.
 */
public class HoistConfigException extends HoistException implements Classified {

    private final String root;
    private final List<ConfigProblem> problems;

    /**
     * Problems of the config tree under {@code root}.
     *
     * @param root the root path of the settings, such as {@code hoist} or {@code mystack.components}; null if the
     *        settings come from no config tree
     * @param problems every problem, at least one
     */
    public HoistConfigException(String root, List<ConfigProblem> problems) {
        super(format(root, problems));
        this.root = root;
        this.problems = List.copyOf(problems);
    }

    /**
     * Problems of settings that come from no config tree.
     *
     * @param problems every problem, at least one
     */
    public HoistConfigException(List<ConfigProblem> problems) {
        this(null, problems);
    }

    private static String format(String root, List<ConfigProblem> problems) {
        String config = root == null || root.isEmpty() ? "The configuration" : "The configuration under " + root;
        String header = problems.size() == 1 ? config + " has a problem:" : config + " has " + problems.size() + " problems:";
        return header + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /**
     * The root path the message names, as given.
     *
     * @return such as {@code hoist} or {@code mystack.components}; empty for settings from no config tree
     */
    public Optional<String> root() {
        return Optional.ofNullable(root).filter(r -> !r.isEmpty());
    }

    /** {@link ErrorKind#CONFIGURATION}: the CLI exits 2. */
    @Override
    public ErrorKind kind() {
        return ErrorKind.CONFIGURATION;
    }
}
