package com.example.store;

import com.typesafe.config.ConfigValueType;
import dev.hoist.spi.ComponentContext;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.SettingProblem;
import dev.hoist.spi.StackComponentType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code local} artifact store: a directory. Registered in core's test
 * {@code META-INF/services}, so discovery finds it as it would a host's flavor; it is remote
 * only when its settings say so, to exercise stack validation.
 */
public final class LocalArtifactStoreFlavor implements ArtifactStoreFlavor {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String description() {
        return "Artifacts in a directory of this machine";
    }

    @Override
    public URI docsUrl() {
        return URI.create("https://example.invalid/artifact-store/local");
    }

    @Override
    public List<SettingProblem> check(ComponentSettings settings) {
        List<SettingProblem> problems = new ArrayList<>();
        if (!settings.config().hasPath("path")) {
            problems.add(new SettingProblem("path", "Missing; expected an absolute directory, like \"/var/artifacts\"."));
        } else if (settings.config().getValue("path").valueType() != ConfigValueType.STRING
                || !settings.config().getString("path").startsWith("/")) {
            problems.add(new SettingProblem("path", "Expected an absolute directory, like \"/var/artifacts\"."));
        }
        if (settings.config().hasPath("remote") && settings.config().getValue("remote").valueType() != ConfigValueType.BOOLEAN) {
            problems.add(new SettingProblem("remote", "Expected true or false."));
        }
        return problems;
    }

    @Override
    public ArtifactStore create(ComponentSettings settings, ComponentContext context) {
        boolean remote = settings.config().hasPath("remote") && settings.config().getBoolean("remote");
        String path = settings.config().getString("path");
        return new ArtifactStore() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public String name() {
                return settings.name();
            }

            @Override
            public String flavor() {
                return settings.flavor();
            }

            @Override
            public StackComponentType type() {
                return ArtifactStore.TYPE;
            }

            @Override
            public boolean isRemote() {
                return remote;
            }
        };
    }
}
