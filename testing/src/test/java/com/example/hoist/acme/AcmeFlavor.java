package com.example.hoist.acme;

import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.SettingProblem;
import java.net.URI;
import java.util.List;

/**
 * The flavor of docs/writing-a-flavor.md, reduced to what its examples need: the guide's {@code AcmeUris}
 * behind {@code normalizeUri} and its {@code AcmeSettings} behind {@code check} (verbatim copies, checked by
 * {@link DocumentedExamplesTest}).
 */
public final class AcmeFlavor implements ContainerRegistryFlavor {

    @Override
    public String name() {
        return "acme";
    }

    @Override
    public String description() {
        return "Acme Registry: registry.acme.example/<team>";
    }

    @Override
    public URI docsUrl() {
        return URI.create("https://docs.acme.example/registry");
    }

    @Override
    public String normalizeUri(String uri) {
        return AcmeUris.RULES.normalize(uri);
    }

    @Override
    public List<SettingProblem> check(ComponentSettings settings) {
        return AcmeSettings.check(settings.config());
    }
}
