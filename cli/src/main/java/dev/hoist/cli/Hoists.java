package dev.hoist.cli;

import dev.hoist.Hoist;

/** Builds the {@link Hoist} a command works with, from {@code --config} or the defaults. */
final class Hoists {

    private Hoists() {
    }

    static Hoist open(HoistCli cli) {
        ClassLoader loader = HoistCli.class.getClassLoader();
        return cli.config == null ? Hoist.create(loader) : Hoist.create(cli.config, loader);
    }
}
