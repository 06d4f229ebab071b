package dev.hoist.stack;

import java.util.List;

/**
 * A rule a stack must follow. Hoist has {@link LocalRegistryRule}; a host adds its own with
 * {@code HoistBinders.stackValidators(binder()).addBinding().to(MyRule.class)}. Every rule
 * runs when stacks are loaded. A flavor, which sees only the SPI from a plugins directory, adds a
 * {@link dev.hoist.spi.StackRule} instead.
 */
public interface StackValidator {

    /** A short kebab-case id for messages, such as {@code local-registry-remote-components}. */
    String rule();

    /**
     * What is wrong with the stack under this rule: one message per violation, naming the
     * stack, the components and what to change. None when the stack follows it.
     */
    List<String> validate(Stack stack);
}
