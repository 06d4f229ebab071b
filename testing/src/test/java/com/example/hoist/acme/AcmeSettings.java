package com.example.hoist.acme;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.hoist.spi.SettingProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

record AcmeSettings(boolean allowNewRepositories, Duration apiTimeout) {

    static List<SettingProblem> check(Config config) {
        List<SettingProblem> problems = new ArrayList<>();
        // Read with the typed getters, as read() does: getBoolean takes true and false, and the string
        // "true" that -Dhoist.registries.prod.allow-new-repositories=true gives (a system property is
        // always a string). A key set to null, or a value of another type, throws a ConfigException.
        try {
            config.getBoolean("allow-new-repositories");
        } catch (ConfigException wrong) {
            problems.add(new SettingProblem("allow-new-repositories", "Expected true or false."));
        }
        try {
            if (config.getDuration("api-timeout").compareTo(Duration.ZERO) <= 0) {
                problems.add(new SettingProblem("api-timeout", "It must be a positive duration, like 10s."));
            }
        } catch (ConfigException wrong) {
            problems.add(new SettingProblem("api-timeout", "Expected a duration, like 10s."));
        }
        return problems;
    }

    /** The settings; call only when check found no problem. */
    static AcmeSettings read(Config config) {
        return new AcmeSettings(config.getBoolean("allow-new-repositories"), config.getDuration("api-timeout"));
    }
}
