package dev.hoist.flavor.defaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.spi.InvalidRegistryUriException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultFlavorTest {

    private final DefaultFlavor flavor = new DefaultFlavor();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "localhost:5000, localhost:5000",
        "localhost:5000/, localhost:5000",
        "localhost:5000///, localhost:5000",
        "127.0.0.1:5000/team, 127.0.0.1:5000/team",
        "Registry.Example.COM/team/app, registry.example.com/team/app",
        "[::1]:5000, [::1]:5000",
        "myaccount, myaccount",
        "myaccount/sub, myaccount/sub",
        "localhost, localhost",
    })
    void acceptsAnyDistributionRegistryName(String uri, String normalized) {
        assertThat(flavor.normalizeUri(uri)).isEqualTo(normalized);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://localhost:5000 | has a scheme",
        "localhost:5000/App | upper case",
        "localhost:5000/app:1.0 | carries a tag",
        "localhost:99999 | a port is a number from 1 to 65535",
        "localhost:5000//app | empty path component",
    })
    void refusesWhatNoRegistryAccepts(String uri, String reason) {
        assertThatThrownBy(() -> flavor.normalizeUri(uri))
                .isInstanceOf(InvalidRegistryUriException.class)
                .hasMessageContaining(reason);
    }
}
