/**
 * The service provider interface: the few types a flavor implements or receives.
 *
 * <p>Types marked {@link dev.hoist.spi.ExtensionPoint} are stable within an SPI major
 * version. The SPI depends on nothing but Guice's {@code Module}, Typesafe Config and
 * SLF4J, which the host shares with every flavor; it never exposes docker-java.
 */
package dev.hoist.spi;
