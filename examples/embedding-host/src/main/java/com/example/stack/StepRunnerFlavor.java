package com.example.stack;

import dev.hoist.spi.ComponentFlavor;
import dev.hoist.spi.StackComponentType;

/** The flavor contract of step runners: implement it and register with @AutoService(StepRunnerFlavor.class). */
public interface StepRunnerFlavor extends ComponentFlavor<StepRunner> {

    @Override
    default StackComponentType type() {
        return StepRunner.TYPE;
    }
}
