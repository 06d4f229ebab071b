package dev.hoist.config;

import dev.hoist.push.Classified;
import dev.hoist.push.ErrorKind;
import dev.hoist.spi.HoistException;
import java.util.List;
import java.util.stream.Collectors;

/** The configuration is invalid. Carries every problem found, not just the first. */
public class HoistConfigException extends HoistException implements Classified {

    private final List<ConfigProblem> problems;

    public HoistConfigException(List<ConfigProblem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    private static String format(List<ConfigProblem> problems) {
        String header = problems.size() == 1 ? "The Hoist configuration has a problem:" :
                "The Hoist configuration has " + problems.size() + " problems:";
        return header + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** {@link ErrorKind#CONFIGURATION}: the CLI exits 2. */
    @Override
    public ErrorKind kind() {
        return ErrorKind.CONFIGURATION;
    }
}
