package dev.hoist.stack;

import dev.hoist.registry.ContainerRegistry;
import dev.hoist.spi.StackComponent;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A registry on this machine ({@link ContainerRegistry#isLocal()}) cannot serve a stack in
 * which some component runs elsewhere ({@link StackComponent#isRemote()}): that component
 * could not pull the images. ZenML applies the same rule.
 */
public final class LocalRegistryRule implements StackValidator {

    /** The rule's id. */
    public static final String RULE = "local-registry-remote-components";

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    public List<String> validate(Stack stack) {
        return stack.containerRegistry().filter(ContainerRegistry::isLocal).map(registry -> {
            List<StackComponent> remote = stack.components().values().stream()
                    .filter(component -> component != registry && component.isRemote()).toList();
            if (remote.isEmpty()) {
                return List.<String>of();
            }
            String components = remote.stream().map(c -> c.type().id() + " '" + c.name() + "' (flavor " + c.flavor() + ")")
                    .collect(Collectors.joining(", "));
            return List.of("Stack '" + stack.name() + "': container registry '" + registry.name() + "' (" + registry.uri()
                    + ") is local to this machine, but " + components + (remote.size() == 1 ? " runs" : " run")
                    + " remotely and must pull images from it [rule " + RULE + "]. Use a registry that "
                    + (remote.size() == 1 ? "it" : "they") + " can reach, or local components.");
        }).orElse(List.of());
    }
}
