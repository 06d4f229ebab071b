package com.example.store;

import dev.hoist.spi.ComponentFlavor;
import dev.hoist.spi.StackComponentType;

/** The flavor contract of the test-only artifact store type. */
public interface ArtifactStoreFlavor extends ComponentFlavor<ArtifactStore> {

    @Override
    default StackComponentType type() {
        return ArtifactStore.TYPE;
    }
}
