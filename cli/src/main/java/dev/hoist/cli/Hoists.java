package dev.hoist.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.hoist.Hoist;
import dev.hoist.config.HoistConfig;
import dev.hoist.inject.HoistModule;

/** What the global options make of the config, and the Hoist objects built from it. */
final class Hoists {

    private Hoists() {
    }

    static ClassLoader loader() {
        return HoistCli.class.getClassLoader();
    }

    /** {@code --config FILE} or the defaults, with {@code --plugins DIR} laid over either. */
    static Config config(HoistCli cli) {
        Config base = cli.config == null ? HoistConfig.defaults(loader()) : HoistConfig.fromFile(cli.config, loader());
        if (cli.plugins == null) {
            return base;
        }
        return ConfigFactory.empty()
                .withValue(HoistConfig.ROOT + ".plugins.directory",
                        ConfigValueFactory.fromAnyRef(cli.plugins.toString(), "--plugins"))
                .withFallback(base);
    }

    static Hoist open(HoistCli cli) {
        return Hoist.builder().config(config(cli)).classLoader(loader()).build();
    }

    /** The module alone: its registry flavors, discovered without building an injector or checking config. */
    static HoistModule module(HoistCli cli) {
        return Hoist.builder().config(config(cli)).classLoader(loader()).module();
    }
}
