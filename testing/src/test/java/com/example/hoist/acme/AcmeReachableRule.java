package com.example.hoist.acme;

import dev.hoist.spi.StackComponent;
import dev.hoist.spi.StackComponentType;
import dev.hoist.spi.StackRule;
import java.util.List;

/** An acme registry serves only components that run where Acme is reachable: none of this machine's. */
final class AcmeReachableRule implements StackRule {

    @Override
    public String rule() {
        return "acme-remote-only";
    }

    @Override
    public List<String> check(Stack stack) {
        StackComponent registry = stack.component(StackComponentType.CONTAINER_REGISTRY).orElse(null);
        if (registry == null || !registry.flavor().equals("acme")) {
            return List.of();
        }
        return stack.components().values().stream()
                .filter(component -> component != registry && !component.isRemote())
                .map(component -> "Stack '" + stack.name() + "': " + component.type().id() + " '" + component.name()
                        + "' runs on this machine, which cannot pull from acme registry '" + registry.name()
                        + "' [rule " + rule() + "]. Use a remote " + component.type().id() + ".")
                .toList();
    }
}
