package dev.hoist.inject;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import dev.hoist.config.ConfigProblem;
import dev.hoist.config.HoistConfigException;
import dev.hoist.spi.HoistException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Turns Guice's start-up failure into Hoist's own. Guice reports one failed singleton many
 * times (once per binding that needed it); a host whose config has problems in two component
 * types gets several {@link HoistConfigException}s inside one {@link CreationException}.
 * {@link #unwrap} returns one exception: every distinct config problem, in order, in one
 * {@link HoistConfigException}; else the first other {@link HoistException}; else Guice's own.
 */
public final class StartupFailure {

    private StartupFailure() {
    }

    /**
     * One exception for a failed injector creation or provision.
     *
     * @param guiceFailure a {@link CreationException} or {@link ProvisionException}; anything else is returned as is
     * @return a {@link HoistConfigException} with every distinct problem, another {@link HoistException}, or {@code guiceFailure}
     */
    public static RuntimeException unwrap(RuntimeException guiceFailure) {
        Collection<Message> messages;
        if (guiceFailure instanceof CreationException creation) {
            messages = creation.getErrorMessages();
        } else if (guiceFailure instanceof ProvisionException provision) {
            messages = provision.getErrorMessages();
        } else {
            return guiceFailure;
        }
        Set<ConfigProblem> problems = new LinkedHashSet<>();
        String root = null;
        HoistException other = null;
        for (Message message : messages) {
            Throwable cause = message.getCause();
            while (cause != null && !(cause instanceof HoistException)
                    && (cause instanceof ProvisionException || cause instanceof CreationException)) {
                cause = cause.getCause();
            }
            if (cause instanceof HoistConfigException config) {
                problems.addAll(config.problems());
                root = root != null ? root : config.root().orElse(null);
            } else if (cause instanceof HoistException hoist && other == null) {
                other = hoist;
            }
        }
        if (!problems.isEmpty()) {
            return new HoistConfigException(root, java.util.List.copyOf(problems));
        }
        return other != null ? other : guiceFailure;
    }
}
