package dev.hoist.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type that flavors implement or extend. Hoist keeps these source and binary
 * compatible within one SPI major version: new methods arrive as {@code default} methods,
 * and nothing marked here is removed or changed in meaning without a major version bump.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ExtensionPoint {
}
