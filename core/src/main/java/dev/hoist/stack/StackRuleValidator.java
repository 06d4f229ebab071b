package dev.hoist.stack;

import dev.hoist.discovery.FlavorOrigin;
import dev.hoist.spi.StackRule;
import java.util.List;
import java.util.Objects;

/**
 * A {@link StackRule} of the SPI, as Hoist runs its rules: called with the rule's own class loader
 * as the context class loader, and whatever it throws (but an error that leaves the JVM unusable),
 * or a {@code null} answer, turned into one error of the stack naming the rule, its class and its jar.
 */
final class StackRuleValidator implements StackValidator {

    private final StackRule rule;
    private final String id;

    StackRuleValidator(StackRule rule) {
        this.rule = Objects.requireNonNull(rule, "rule");
        String named;
        try {
            named = call(rule::rule);
        } catch (RuntimeException | LinkageError failed) {
            named = null;
        }
        this.id = named == null ? rule.getClass().getName() : named;
    }

    @Override
    public String rule() {
        return id;
    }

    @Override
    public List<String> validate(Stack stack) {
        List<String> errors;
        try {
            errors = call(() -> rule.check(new StackRule.Stack(stack.name(), stack.components())));
        } catch (VirtualMachineError fatal) {
            if (!(fatal instanceof StackOverflowError)) {
                throw fatal;
            }
            return List.of(failure(stack, fatal));
        } catch (RuntimeException | Error failed) {
            return List.of(failure(stack, failed));
        }
        if (errors == null || errors.stream().anyMatch(Objects::isNull)) {
            return List.of("Stack '" + stack.name() + "': rule " + id + " (" + origin() + ") returned null from check();"
                    + " it must return a list of messages. Fix the rule or remove its jar.");
        }
        return errors;
    }

    private String failure(Stack stack, Throwable failed) {
        String message = failed.getMessage();
        String text = failed.getClass().getName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
        return "Stack '" + stack.name() + "': rule " + id + " (" + origin() + ") failed: " + text
                + ". Fix the rule or remove its jar.";
    }

    private String origin() {
        return rule.getClass().getName() + " from " + FlavorOrigin.locationOf(rule.getClass());
    }

    private <T> T call(java.util.function.Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(rule.getClass().getClassLoader());
        try {
            return call.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Each rule as a validator. */
    static List<StackValidator> of(java.util.Collection<StackRule> rules) {
        return rules.stream().<StackValidator>map(StackRuleValidator::new).toList();
    }
}
