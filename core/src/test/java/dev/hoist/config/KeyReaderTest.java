package dev.hoist.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one reader of a section's keys: what it returns, and the problem it records at each key's path. */
class KeyReaderTest {

    private final List<ConfigProblem> problems = new ArrayList<>();

    private static Config section(String text) {
        return ConfigFactory.parseString(text);
    }

    @Test
    void aPresentValueIsReadWithoutAProblem() {
        Config section = section("timeout = 5s, count = 3");
        KeyReader keys = KeyReader.into(section, "host.hoist.docker", problems);

        Duration timeout = keys.require("timeout", section::getDuration, "a duration");
        assertThat(timeout).isEqualTo(Duration.ofSeconds(5));
        assertThat(keys.optional("count", section::getInt, "a whole number")).isEqualTo(3);
        assertThat(problems).isEmpty();
    }

    @Test
    void aMissingRequiredKeyIsAProblemAtItsPath() {
        Config section = section("other = 1");
        Integer read = KeyReader.into(section, "mystack.components.registry-api", problems)
                .require("parallelism", section::getInt, "a whole number from 1 to 64");

        assertThat(read).isNull();
        assertThat(problems).extracting(ConfigProblem::path, ConfigProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mystack.components.registry-api.parallelism",
                        "Missing; expected a whole number from 1 to 64."));
    }

    @Test
    void aValueOfTheWrongTypeIsAProblemWithItsOriginAndWhatWasFound() {
        Config section = section("parallelism = many\nidle = null");
        KeyReader keys = KeyReader.into(section, "hoist.registry-api", problems);

        assertThat(keys.require("parallelism", section::getInt, "a whole number")).isNull();
        Duration idle = keys.require("idle", section::getDuration, "a duration");
        assertThat(idle).isNull();
        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "hoist.registry-api.parallelism (String: 1): Expected a whole number; found string \"many\".",
                "hoist.registry-api.idle (String: 2): Expected a duration; found null.");
    }

    @Test
    void anOptionalKeyThatIsMissingOrNullIsLeftToTheOtherChecks() {
        Config section = section("host = null");
        KeyReader keys = KeyReader.into(section, "hoist.docker", problems);

        assertThat(keys.optional("host", section::getString, "a string")).isNull();
        assertThat(keys.optional("cert-path", section::getString, "a string")).isNull();
        assertThat(problems).isEmpty();
    }

    @Test
    void aStringKeyRefusesWhatIsNotAStringAndNamesAKeyAloneAtTheEmptyPath() {
        Config section = section("uri = 5000, name = \"x\"");
        List<String> seen = new ArrayList<>();
        KeyReader keys = new KeyReader(section, "", (path, origin, message) -> seen.add(path + ": " + message));

        assertThat(keys.string("name", "a name")).isEqualTo("x");
        assertThat(keys.string("uri", "the registry URI")).isNull();
        assertThat(keys.string("user", "the user name")).isNull();
        assertThat(seen).containsExactly("uri: Expected a string, the registry URI; found number 5000.",
                "user: Missing; expected the user name.");
    }

    @Test
    void aCredentialsValueIsNeverShown() {
        Config section = section("password = [\"hunter2\"]");
        KeyReader.into(section, "hoist.registries.a.credentials", problems).string("password", "the password");

        assertThat(problems).singleElement().extracting(ConfigProblem::message).asString()
                .contains("value not shown").doesNotContain("hunter2");
    }

    @Test
    void aProblemAtAKeyCarriesTheKeysOrigin() {
        Config section = section("\n\ntimeout = -1s");
        KeyReader.into(section, "other.root.auth", problems).problem("timeout", "Expected a positive duration.");

        assertThat(problems).extracting(ConfigProblem::toString)
                .containsExactly("other.root.auth.timeout (String: 3): Expected a positive duration.");
    }
}
