package com.example.stack;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.typesafe.config.Config;
import dev.hoist.Hoist;
import dev.hoist.component.Components;
import dev.hoist.inject.HoistBinders;
import dev.hoist.inject.HoistLifecycle;
import dev.hoist.inject.HoistModule;
import dev.hoist.inject.StartupFailure;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.stack.Stack;
import dev.hoist.stack.Stacks;

/**
 * The host framework: Hoist's settings live under {@code mystack.components}, next to the host's
 * own step runners, and a stack combines one of each. Close it on shutdown.
 */
public final class MyStack implements AutoCloseable {

    /** Where this host keeps its components in config. */
    public static final String ROOT = "mystack.components";

    private final Injector injector;

    /**
     * Starts Hoist inside the host's injector.
     *
     * @param config the host's whole config; Hoist reads {@value #ROOT}
     * @throws dev.hoist.config.HoistConfigException listing every config problem, with its path and origin
     */
    public MyStack(Config config) {
        ClassLoader loader = MyStack.class.getClassLoader();
        // Hoist's module over the host's own config and root; the host adds its own component type beside it.
        HoistModule hoist = Hoist.builder().config(config).root(ROOT).classLoader(loader).module();
        try {
            injector = Guice.createInjector(Stage.PRODUCTION, hoist, new AbstractModule() {
                @Override
                protected void configure() {
                    HoistBinders.componentType(binder(), StepRunner.TYPE, StepRunnerFlavor.class);
                }
            });
        } catch (CreationException failed) {
            // Every config problem, Hoist's and the step runners', in one HoistConfigException.
            hoist.close();
            throw StartupFailure.unwrap(failed);
        }
    }

    /** Every stack and what validation found. */
    public Stacks stacks() {
        return injector.getInstance(Stacks.class);
    }

    /** The step runners, by name. */
    public Components<StepRunner> stepRunners() {
        return injector.getInstance(Key.get(new TypeLiteral<Components<StepRunner>>() { }));
    }

    /**
     * Pushes an image through a stack's registry, and says where its step runner would run it.
     *
     * @throws dev.hoist.stack.InvalidStackException if the stack is invalid
     */
    public String deploy(String stackName, String image) {
        Stack stack = stacks().get(stackName);
        ContainerRegistry registry = stack.containerRegistry().orElseThrow(() ->
                new IllegalStateException("Stack '" + stackName + "' has no container-registry"));
        String digest = registry.pushImage(image);
        String run = stack.component(StepRunner.TYPE, StepRunner.class).map(runner -> runner.describeRun(image + "@" + digest))
                .orElse("no step runner");
        return digest + " (" + run + ")";
    }

    /** The injector, for the rest of the host. */
    public Injector injector() {
        return injector;
    }

    @Override
    public void close() {
        injector.getInstance(HoistLifecycle.class).close();
    }
}
