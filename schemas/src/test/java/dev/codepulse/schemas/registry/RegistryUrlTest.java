package dev.codepulse.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryUrlTest {
    @ParameterizedTest
    @CsvSource({
        "http://registry:8081, http://registry:8081",
        "https://registry.example.com, https://registry.example.com",
        "' http://127.0.0.1:8081/ ', http://127.0.0.1:8081",
        "http://registry:8081/api/registry//, http://registry:8081/api/registry",
        "http://[::1]:8081, http://[::1]:8081",
    })
    void shouldNormalizeValidUrl(String url, String expected) {
        String normalized = RegistryUrl.normalize(url);

        assertThat(normalized).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "registry:8081, scheme must be http or https",
        "ftp://registry:8081, scheme must be http or https",
        "http://, not a valid URI",
        "http:///path, host name is missing",
        "http://registry:8081?tenant=a, query or fragment",
        "http://registry:8081#top, query or fragment",
        "http://reg istry:8081, not a valid URI",
        "http://user:pw@registry:8081, credentials in the URL",
    })
    void shouldRejectInvalidUrl(String url, String reason) {
        assertThatThrownBy(() -> RegistryUrl.normalize(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource({
        "http://user:pw@registry:8081, http://***@registry:8081",
        "htp://user:pw@registry, htp://***@registry",
        "user:pw@registry:8081, (hidden because it contains '@')",
        "http://user:p/w@registry, (hidden because it contains '@')",
    })
    void shouldMaskUserInfo(String url, String masked) {
        String shown = RegistryUrl.masked(url);

        assertThat(shown).isEqualTo(masked);
    }
}
