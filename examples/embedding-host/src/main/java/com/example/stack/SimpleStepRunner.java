package com.example.stack;

import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.StackComponentType;

/** A step runner that only knows where it runs; enough for the example. */
final class SimpleStepRunner implements StepRunner {

    private final ComponentSettings settings;
    private final boolean remote;
    private final String where;

    SimpleStepRunner(ComponentSettings settings, boolean remote, String where) {
        this.settings = settings;
        this.remote = remote;
        this.where = where;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public String flavor() {
        return settings.flavor();
    }

    @Override
    public StackComponentType type() {
        return TYPE;
    }

    @Override
    public boolean isRemote() {
        return remote;
    }

    @Override
    public String describeRun(String image) {
        return "run " + image + " in " + where;
    }
}
