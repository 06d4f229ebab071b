package com.example.hoist.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hoist.spi.InvalidRegistryUriException;
import org.junit.jupiter.api.Test;

/** What the contract test (EcrFlavorContractTest, with the URI table) does not cover. */
class EcrFlavorTest {

    private static final String HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

    private final EcrFlavor flavor = new EcrFlavor();

    @Test
    void theMessageEndsWithTheHint() {
        InvalidRegistryUriException invalid = catchThrowableOfType(InvalidRegistryUriException.class,
                () -> flavor.normalizeUri("https://" + HOST + "/team/app"));

        assertThat(invalid.getMessage()).startsWith("Registry URI 'https://" + HOST + "/team/app' has a scheme")
                .endsWith("Did you mean '" + HOST + "'?");
    }

    @Test
    void theRegistryHostGivesRegionAccountAndApiEndpoint() {
        EcrRegistryHost global = EcrUris.parse(HOST);
        EcrRegistryHost china = EcrUris.parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn");

        assertThat(global).isEqualTo(new EcrRegistryHost("123456789012", "eu-west-1", false));
        assertThat(global.apiEndpoint()).hasToString("https://api.ecr.eu-west-1.amazonaws.com/");
        assertThat(china.apiEndpoint()).hasToString("https://api.ecr.cn-north-1.amazonaws.com.cn/");
    }

    @Test
    void pointsAtAwsDocs() {
        assertThat(flavor.docsUrl()).hasToString("https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html");
    }
}
