package com.example.stack;

import com.google.auto.service.AutoService;
import com.typesafe.config.ConfigValueType;
import dev.hoist.spi.ComponentContext;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.SettingProblem;
import java.net.URI;
import java.util.List;

/** Runs steps as Kubernetes pods: remote, so its images must come from a registry the cluster reaches. */
@AutoService(StepRunnerFlavor.class)
public final class KubernetesStepRunnerFlavor implements StepRunnerFlavor {

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public String description() {
        return "Runs steps as pods in a Kubernetes namespace";
    }

    @Override
    public URI docsUrl() {
        return URI.create("https://example.com/mystack/step-runners/kubernetes");
    }

    @Override
    public List<SettingProblem> check(ComponentSettings settings) {
        if (!settings.config().hasPath("namespace") || settings.config().getValue("namespace").valueType() != ConfigValueType.STRING) {
            return List.of(new SettingProblem("namespace", "Missing; expected the namespace to run pods in, like \"ci\"."));
        }
        return List.of();
    }

    @Override
    public StepRunner create(ComponentSettings settings, ComponentContext context) {
        return new SimpleStepRunner(settings, true, "namespace " + settings.config().getString("namespace"));
    }
}
