package dev.hoist.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;

/**
 * {@code Hoist} with only core and the flavor under test on the class path. Core's
 * {@code reference.conf} ships a {@code local} registry of the {@code default} flavor; this config
 * removes it ({@code registries.local = null}) and sets no default registry, so the flavor's own
 * test needs no other flavor.
 */
public final class TestHoist {

    /** The config that removes the embedded {@code local} registry and the default. */
    public static final String WITHOUT_LOCAL = "hoist { default-registry = \"\", registries.local = null }";

    private TestHoist() {
    }

    /**
     * Hoist over {@code hocon} laid on {@link #WITHOUT_LOCAL}, discovering flavors with the test's loader.
     *
     * @param hocon more config, such as {@code hoist.registries.acme { flavor = acme, uri = "acme.example/team" }}
     * @return a Hoist to close
     * @throws dev.hoist.config.HoistConfigException listing every problem of the config
     */
    public static Hoist with(String hocon) {
        Config config = ConfigFactory.parseString(hocon).withFallback(ConfigFactory.parseString(WITHOUT_LOCAL));
        return Hoist.builder().config(config).classLoader(TestHoist.class.getClassLoader()).build();
    }
}
