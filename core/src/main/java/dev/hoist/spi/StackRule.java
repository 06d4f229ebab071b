package dev.hoist.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule every stack must follow. Hoist checks every configured stack against every rule when it
 * loads its stacks; a stack a rule refuses is invalid, with the rule's messages as its errors, and
 * the other stacks stay usable. A flavor adds a rule from its {@link Flavor#module()} with Guice's
 * own set binder, which works on the class path and from a plugins directory alike:
 *
 * <pre>{@code
 * Multibinder.newSetBinder(binder(), StackRule.class).addBinding().to(AcmeStackRule.class);
 * }</pre>
 *
 * <p>Hoist calls {@link #rule()} and {@link #check} with the rule's own class loader as the
 * thread's context class loader. Anything {@code check} throws makes each stack it checked
 * invalid, with an error naming the rule, its class and its jar.
 *
 * @since SPI 2.1
 */
public interface StackRule {

    /** {@return a short kebab-case id for messages, such as {@code acme-same-region}} */
    String rule();

    /**
     * What is wrong with the stack under this rule.
     *
     * @param stack the stack, with each of its components built
     * @return one message per violation, each naming the stack, the components and what to
     *     change; empty when the stack follows the rule. Never {@code null}.
     */
    List<String> check(Stack stack);

    /**
     * A configured stack as a rule sees it: at most one component of each type, built.
     *
     * @param name the stack's name, the key under {@code <root>.stacks}
     * @param components its components by type, in config order
     */
    record Stack(String name, Map<StackComponentType, StackComponent> components) {

        /**
         * A stack; the components are copied.
         *
         * @param name the stack's name
         * @param components its components by type
         * @throws NullPointerException if the name or components are {@code null}
         */
        public Stack {
            Objects.requireNonNull(name, "name");
            components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
        }

        /**
         * The component of this type.
         *
         * @param type a component type, such as {@link StackComponentType#CONTAINER_REGISTRY}
         * @return the stack's component of that type, if it has one
         */
        public Optional<StackComponent> component(StackComponentType type) {
            return Optional.ofNullable(components.get(type));
        }
    }
}
