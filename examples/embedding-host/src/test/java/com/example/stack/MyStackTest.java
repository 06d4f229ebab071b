package com.example.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.docker.DockerEngine;
import dev.hoist.stack.InvalidStackException;
import dev.hoist.stack.StackResult;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example host end to end: its own type and root, stack validation, and a real push. */
class MyStackTest {

    private static Config config() {
        return ConfigFactory.parseString("""
                mystack.components {
                  default-registry = local
                  registries {
                    local { flavor = default, uri = "%s" }
                    gitlab { flavor = gitlab, uri = "registry.gitlab.com/acme/app" }
                  }
                  step-runners {
                    laptop { flavor = local }
                    k8s { flavor = kubernetes, namespace = ci }
                  }
                  stacks {
                    dev { container-registry = local, step-runner = laptop }
                    misconfigured { container-registry = local, step-runner = k8s }
                    cloud { container-registry = gitlab, step-runner = k8s }
                  }
                  docker.host = "%s"
                }
                """.formatted(TestServices.registry(), TestServices.dockerHost())).withFallback(ConfigFactory.load());
    }

    @Test
    void validatesItsStacksAndPushesThroughTheStacksRegistryToTheRealRegistry() {
        TestServices.require(); // Fails, not skips, when HOIST_REQUIRE_SERVICES=1.
        try (MyStack host = new MyStack(config())) {
            assertThat(host.stepRunners().names()).containsExactly("k8s", "laptop");
            List<StackResult> results = host.stacks().results();
            assertThat(results).extracting(StackResult::name).containsExactly("cloud", "dev", "misconfigured");
            assertThat(results).extracting(StackResult::valid).containsExactly(true, true, false);
            assertThat(results.get(2).errors()).singleElement().asString()
                    .contains("Stack 'misconfigured'", "container registry 'local' (" + TestServices.registry() + ")",
                            "step-runner 'k8s' (flavor kubernetes) runs remotely", "[rule local-registry-remote-components]");
            assertThatThrownBy(() -> host.deploy("misconfigured", "x")).isInstanceOf(InvalidStackException.class);

            String image = TestImages.load(host.injector().getInstance(DockerEngine.class),
                    TestServices.registry() + "/embedding-host/app", TestImages.uniqueTag(), 2048);
            String deployed = host.deploy("dev", image);
            assertThat(deployed).matches("sha256:[0-9a-f]{64} \\(run .*@sha256:[0-9a-f]{64} in the local engine\\)");
        }
    }

    @Test
    void aStepRunnerWithBadSettingsIsReportedWithItsPath() {
        Config bad = ConfigFactory.parseString("mystack.components.step-runners.k8s { flavor = kubernetes }")
                .withFallback(ConfigFactory.parseString("mystack.components.registries.local { flavor = default, uri = \"localhost:5000\" }"))
                .withFallback(ConfigFactory.load());
        assertThatThrownBy(() -> new MyStack(bad))
                .hasMessageContaining("mystack.components.step-runners.k8s.namespace (String: 1): Missing; expected the namespace");
    }
}
