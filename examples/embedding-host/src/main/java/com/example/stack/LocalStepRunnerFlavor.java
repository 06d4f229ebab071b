package com.example.stack;

import com.google.auto.service.AutoService;
import dev.hoist.spi.ComponentContext;
import dev.hoist.spi.ComponentSettings;
import java.net.URI;

/** Runs steps on this machine: it can use a local registry. */
@AutoService(StepRunnerFlavor.class)
public final class LocalStepRunnerFlavor implements StepRunnerFlavor {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String description() {
        return "Runs steps in the local container engine";
    }

    @Override
    public URI docsUrl() {
        return URI.create("https://example.com/mystack/step-runners/local");
    }

    @Override
    public StepRunner create(ComponentSettings settings, ComponentContext context) {
        return new SimpleStepRunner(settings, false, "the local engine");
    }
}
