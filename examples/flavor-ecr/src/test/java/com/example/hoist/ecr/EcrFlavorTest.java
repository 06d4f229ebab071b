package com.example.hoist.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hoist.spi.InvalidRegistryUriException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class EcrFlavorTest {

    private static final String HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

    private final EcrFlavor flavor = new EcrFlavor();

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        HOST + ", " + HOST,
        HOST + "/, " + HOST,
        "123456789012.DKR.ECR.EU-WEST-1.AmazonAWS.com, " + HOST,
        "123456789012.dkr.ecr.us-east-1.amazonaws.com, 123456789012.dkr.ecr.us-east-1.amazonaws.com",
        "123456789012.dkr.ecr.ap-southeast-2.amazonaws.com, 123456789012.dkr.ecr.ap-southeast-2.amazonaws.com",
        "123456789012.dkr.ecr.eu-central-1.amazonaws.com, 123456789012.dkr.ecr.eu-central-1.amazonaws.com",
        "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com, 123456789012.dkr.ecr.us-gov-west-1.amazonaws.com",
        "012345678901.dkr.ecr.il-central-1.amazonaws.com, 012345678901.dkr.ecr.il-central-1.amazonaws.com",
        "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn, 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn",
        "123456789012.dkr.ecr.cn-northwest-1.amazonaws.com.cn/, 123456789012.dkr.ecr.cn-northwest-1.amazonaws.com.cn",
    })
    void acceptsARegistryHost(String uri, String normal) {
        assertThat(flavor.normalizeUri(uri)).isEqualTo(normal);
        assertThat(flavor.normalizeUri(normal)).isEqualTo(normal);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // uri, hint (null: none), fragments of the reason
                refused("12345.dkr.ecr.eu-west-1.amazonaws.com", null, "account id '12345'", "exactly 12 digits"),
                refused("12345678901.dkr.ecr.eu-west-1.amazonaws.com", "012345678901.dkr.ecr.eu-west-1.amazonaws.com",
                        "account id '12345678901'", "lost its leading zero"),
                refused("1234567890123.dkr.ecr.eu-west-1.amazonaws.com", null, "exactly 12 digits"),
                refused("1234-5678-9012.dkr.ecr.eu-west-1.amazonaws.com", HOST, "without hyphens"),
                refused("my-account.dkr.ecr.eu-west-1.amazonaws.com", null, "account id 'my-account'"),
                refused(HOST + "/team/app", HOST, "has path 'team/app'", "push '" + HOST + "/team/app:<tag>' through registry"),
                refused(HOST + "/team", HOST, "has path 'team'"),
                refused("https://" + HOST, HOST, "has a scheme ('https://')"),
                refused("https://" + HOST + "/team/app", HOST, "has a scheme"),
                refused(HOST + ":443", HOST, "has port 443", "carries no port"),
                refused(HOST + "/team/app:1.0", HOST, "carries a tag"),
                refused(HOST + "/app@sha256:" + "0".repeat(64), HOST, "carries a digest"),
                refused("public.ecr.aws/my-alias", null, "Amazon ECR Public ('public.ecr.aws')", "does not support"),
                refused("ecr.aws/my-alias/app", null, "Amazon ECR Public"),
                refused("team/app", null, "names no host", "'" + HOST + "'"),
                refused("123456789012.dkr.ecr.euwest1.amazonaws.com", null, "region 'euwest1'", "not an AWS region"),
                refused("123456789012.dkr.ecr.eu-west1.amazonaws.com", HOST, "region 'eu-west1'"),
                refused("123456789012.dkr.ecr.eu-west-1a.amazonaws.com", HOST, "'eu-west-1a'", "availability zone", "'eu-west-1'"),
                refused("123456789012.dkr.ecr.cn-north-1.amazonaws.com", "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn",
                        "the China regions serve ECR under 'amazonaws.com.cn'"),
                refused(HOST + ".cn", HOST, "only the China regions use 'amazonaws.com.cn'"),
                refused("api.ecr.eu-west-1.amazonaws.com", null, "the ECR API endpoint, not a registry"),
                refused("dkr.ecr.eu-west-1.amazonaws.com", null, "names no account id"),
                refused("registry.example.com", null, "'registry.example.com', which is not an ECR registry host"),
                refused("localhost:5000", null, "not an ECR registry host"),
                refused("123456789012.dkr.ecr.eu-west-1.amazonaws.org", null, "not an ECR registry host"),
                // Several fixes at once: the hint applies them all.
                refused("https://12345678901.dkr.ecr.eu-west1.amazonaws.com:443/team/app",
                        "012345678901.dkr.ecr.eu-west-1.amazonaws.com", "has a scheme"),
                refused(" " + HOST, HOST, "contains whitespace"),
                refused("", null, "is empty"));
    }

    private static Arguments refused(String uri, String hint, String... fragments) {
        return Arguments.of(uri, hint, List.of(fragments));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("refused")
    void refusesWithTheRuleAndAHintItWouldAccept(String uri, String hint, List<String> fragments) {
        InvalidRegistryUriException invalid = catchThrowableOfType(InvalidRegistryUriException.class,
                () -> flavor.normalizeUri(uri));

        assertThat(invalid).as("'%s' should be refused", uri).isNotNull();
        assertThat(invalid.uri()).isEqualTo(uri);
        assertThat(invalid.reason()).contains(fragments);
        assertThat(invalid.hint().orElse(null)).isEqualTo(hint);
        if (hint != null) {
            assertThat(flavor.normalizeUri(hint)).isEqualTo(hint);
            assertThat(invalid.getMessage()).endsWith("Did you mean '" + hint + "'?");
        }
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
    void describesItself() {
        assertThat(flavor.name()).isEqualTo("ecr");
        assertThat(flavor.description()).isNotBlank().doesNotContain("\n");
        assertThat(flavor.docsUrl()).hasToString("https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html");
    }
}
