package dev.hoist.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Plugin jars, compiled at test time, whose flavor's Guice module fails while it is set up, and a
 * plugin that works: for the tests of issue 24, item 15, in core and the CLI.
 */
public final class ModuleFailureJars {

    /** How the module of flavor {@code bad} ({@code com.bad.Flavor}) fails. */
    public enum Failure {
        /** Its {@code configure()} throws an {@code IllegalStateException}. */
        THROWS("throw new IllegalStateException(\"no bindings today\");"),
        /** Its {@code configure()} binds a class the jar does not hold: {@code NoClassDefFoundError}. */
        MISSING_CLASS("bind(Api.class).to(Missing.class);");

        private final String body;

        Failure(String body) {
            this.body = body;
        }
    }

    private ModuleFailureJars() {
    }

    /** Writes the jar of flavor {@code bad}, whose module fails as {@code failure} says. */
    public static Path bad(Path jar, Failure failure) throws IOException {
        String source = """
                package com.bad;

                import com.google.inject.AbstractModule;
                import dev.hoist.spi.*;

                public class Flavor implements ContainerRegistryFlavor {
                    public String name() { return "bad"; }
                    public String description() { return "A flavor whose module fails"; }
                    public java.net.URI docsUrl() { return java.net.URI.create("https://example.invalid/bad"); }
                    public String normalizeUri(String uri) { return dev.hoist.api.RegistryUri.parse(uri).normalized(); }
                    public java.util.Optional<com.google.inject.Module> module() { return java.util.Optional.of(new BadModule()); }
                }

                class BadModule extends AbstractModule {
                    @Override protected void configure() { %s }
                }

                interface Api { }

                class Missing implements Api {
                    @com.google.inject.Inject Missing() { }
                }
                """.formatted(failure.body);
        return new JavaJars().source("com.bad.Flavor", source).omit("com.bad.Missing").flavors("com.bad.Flavor")
                .writeTo(jar);
    }

    /** Writes the jar of flavor {@code good} ({@code com.good.Flavor}), with a module that binds a service of its own. */
    public static Path good(Path jar) throws IOException {
        String source = """
                package com.good;

                import com.google.inject.AbstractModule;
                import dev.hoist.spi.*;

                public class Flavor implements ContainerRegistryFlavor {
                    public String name() { return "good"; }
                    public String description() { return "A flavor that works"; }
                    public java.net.URI docsUrl() { return java.net.URI.create("https://example.invalid/good"); }
                    public String normalizeUri(String uri) { return dev.hoist.api.RegistryUri.parse(uri).normalized(); }
                    public java.util.Optional<com.google.inject.Module> module() {
                        return java.util.Optional.of(new AbstractModule() {
                            @Override protected void configure() { bind(GoodService.class).toInstance(new GoodService()); }
                        });
                    }
                    public java.util.Optional<PushHook> pushHook(ComponentSettings settings, ComponentContext context) {
                        context.service(GoodService.class);
                        return java.util.Optional.empty();
                    }
                }

                class GoodService { }
                """;
        return new JavaJars().source("com.good.Flavor", source).flavors("com.good.Flavor").writeTo(jar);
    }
}
