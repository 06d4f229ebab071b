/**
 * The service provider interface (SPI), major version 2: the types a flavor implements,
 * receives or returns, and nothing else.
 *
 * <p>This package is a leaf: it imports nothing from the rest of Hoist, only the JDK, Guice's
 * {@code Module} (for {@link dev.hoist.spi.Flavor#module()}) and Typesafe Config (settings
 * cross the boundary as a {@code Config} subtree). A plugin's class loader shares exactly this
 * package and the public API package {@code dev.hoist.api} with core, plus Guice,
 * {@code jakarta.inject}, Typesafe Config and SLF4J; every other Hoist package is internal and
 * may change in any release.
 *
 * <p>Stability: every type here is stable within an SPI major version; a plugin built against
 * 2.x runs on any 2.y with y &ge; x. Plugins built for 1.x are refused at load with a message
 * that points at {@code docs/writing-a-flavor.md} ("Porting from SPI 1").
 *
 * <p>The extension points are {@link dev.hoist.spi.ContainerRegistryFlavor} (with
 * {@link dev.hoist.spi.PushHook} and {@link dev.hoist.spi.CredentialSource}) and
 * {@link dev.hoist.spi.ComponentFlavor} for a host's own component types, and (since SPI 2.1)
 * {@link dev.hoist.spi.StackRule}, a rule every stack must follow, bound from a flavor's module. SPI 2.2 added
 * {@link dev.hoist.spi.ContainerRegistryFlavor#hosts()}: the registry hosts a flavor claims, so that references on
 * them need no configured registry.
 */
package dev.hoist.spi;
