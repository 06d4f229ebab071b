package dev.hoist.testing;

import dev.hoist.spi.ContainerRegistry;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.RegistryContext;
import dev.hoist.spi.RegistrySettings;
import dev.hoist.uri.RegistryUri;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A flavor for core's own tests, with the shared URI rules and a registry that records
 * its {@code prepareImagePush} calls. Not registered as a service: tests hand it over.
 */
public class TestFlavor implements ContainerRegistryFlavor {

    private final String name;

    public TestFlavor() {
        this("test");
    }

    public TestFlavor(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "A flavor for tests";
    }

    @Override
    public URI docsUrl() {
        return URI.create("https://example.invalid/test-flavor");
    }

    @Override
    public String normalizeUri(String uri) {
        return RegistryUri.parse(uri).normalized();
    }

    @Override
    public Recording create(RegistrySettings settings, RegistryContext context) {
        return new Recording(settings, context);
    }

    /** A registry that remembers the images it was asked to prepare. */
    public static final class Recording extends ContainerRegistry {

        public final List<String> prepared = new ArrayList<>();

        Recording(RegistrySettings settings, RegistryContext context) {
            super(settings, context);
        }

        @Override
        protected void prepareImagePush(String image) {
            prepared.add(image);
        }
    }
}
