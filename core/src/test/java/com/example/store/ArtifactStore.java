package com.example.store;

import dev.hoist.spi.StackComponent;
import dev.hoist.spi.StackComponentType;

/** A test-only component type, as a host framework would declare one: where a stack keeps artifacts. */
public interface ArtifactStore extends StackComponent {

    StackComponentType TYPE = StackComponentType.of("artifact-store");

    /** Where artifacts go. */
    String path();
}
