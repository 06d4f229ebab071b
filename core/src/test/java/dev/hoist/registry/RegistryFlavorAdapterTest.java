package dev.hoist.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.HoistException;
import dev.hoist.spi.SettingProblem;
import dev.hoist.testing.TestFlavor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How core runs a registry flavor's own {@code check} beside its checks of {@code uri} and the credentials. */
class RegistryFlavorAdapterTest {

    /** A flavor whose own setting {@code depth} must be a number; its check reads nothing else. */
    private static final class DepthFlavor extends TestFlavor {
        @Override
        public List<SettingProblem> check(ComponentSettings settings) {
            return settings.config().getValue("depth").valueType() == com.typesafe.config.ConfigValueType.NUMBER ? List.of()
                    : List.of(new SettingProblem("depth", "Expected a whole number."));
        }
    }

    /** A flavor whose check reads the URI as if core had accepted it, and fails when it is no URI. */
    private static final class UriReadingFlavor extends TestFlavor {
        @Override
        public List<SettingProblem> check(ComponentSettings settings) {
            normalizeUri(settings.config().getString("uri"));
            return List.of(new SettingProblem("depth", "Reached."));
        }
    }

    private static ComponentSettings settings(String hocon) {
        return new ComponentSettings("prod", "test", ConfigFactory.parseString(hocon));
    }

    @Test
    void theFlavorsOwnCheckRunsEvenWhenTheUriIsInvalidSoEveryProblemComesInOneReport() {
        // Issue 24 item 17: the flavor's check ran only once the URI was valid, so problems came in rounds.
        List<SettingProblem> problems = new RegistryFlavorAdapter(new DepthFlavor())
                .check(settings("uri = \"https://x.io\", depth = many, credentials = 3"));
        assertThat(problems).extracting(SettingProblem::key).containsExactly("uri", "credentials", "depth");
        assertThat(problems.get(2).message()).isEqualTo("Expected a whole number.");
    }

    @Test
    void aFlavorsCheckThatFailsOnAUriCoreRefusedIsNotReportedAsAFailureOfTheFlavor() {
        RegistryFlavorAdapter adapter = new RegistryFlavorAdapter(new UriReadingFlavor());
        assertThat(adapter.check(settings("uri = \"https://x.io\""))).extracting(SettingProblem::key).containsExactly("uri");
        // With a valid URI its failure is its own, as before.
        assertThat(adapter.check(settings("uri = \"x.io/team\""))).extracting(SettingProblem::key).containsExactly("depth");
        RegistryFlavorAdapter failing = new RegistryFlavorAdapter(new TestFlavor() {
            @Override
            public List<SettingProblem> check(ComponentSettings settings) {
                throw new HoistException("Flavor 'test' failed in check(): boom");
            }
        });
        assertThatThrownBy(() -> failing.check(settings("uri = \"x.io/team\""))).hasMessageContaining("boom");
    }
}
