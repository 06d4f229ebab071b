package com.example.stack;

import dev.hoist.spi.StackComponent;
import dev.hoist.spi.StackComponentType;

/** The host's own component type: where a stack's steps run. */
public interface StepRunner extends StackComponent {

    /** Its id, and its config keys: mystack.components.step-runners, step-runner-flavors, step-runner-defaults. */
    StackComponentType TYPE = StackComponentType.of("step-runner");

    /** Runs one step in the image; here, only says where it would. */
    String describeRun(String image);
}
