package dev.hoist.spi;

/** The host's services that a registry may use. Hoist adds methods here as defaults only. */
public interface RegistryContext {

    /** Pushes images that are already in the local container engine. */
    ImagePusher imagePusher();
}
