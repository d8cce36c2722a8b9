package io.takedown.signals.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.core.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlCanonicalizerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "HTTP://News.Example-Outlet.TEST/a/b                 | http://news.example-outlet.test/a/b",
        "https://news.example-outlet.test:443/x              | https://news.example-outlet.test/x",
        "http://news.example-outlet.test:80                  | http://news.example-outlet.test/",
        "http://news.example-outlet.test:8080/x              | http://news.example-outlet.test:8080/x",
        "news.example-outlet.test/x                          | http://news.example-outlet.test/x",
        "https://a.test/x?utm_source=tg&id=7&fbclid=abc      | https://a.test/x?id=7",
        "https://a.test/x?b=2&a=1&utm_medium=x               | https://a.test/x?a=1&b=2",
        "https://a.test/x?utm_campaign=y                     | https://a.test/x",
        "https://a.test/x#section-2                          | https://a.test/x",
        "https://user:pw@a.test/x                            | https://a.test/x",
        "https://a.test/a/./b/../c                           | https://a.test/a/c",
        "https://a.test/%7euser/%2f%3f                       | https://a.test/~user/%2F%3F",
        "https://müller.test/straße                          | https://xn--mller-kva.test/stra%C3%9Fe",
        "https://MÜLLER.test./                               | https://xn--mller-kva.test/",
        "https://موقع.test/خبر                              | https://xn--4gbrim.test/%D8%AE%D8%A8%D8%B1",
        "https://a.test/path with space                      | https://a.test/path%20with%20space",
        "https://[::1]:8443/x                                | https://[::1]:8443/x",
    })
    void canonicalForms(String input, String expected) {
        assertThat(UrlCanonicalizer.canonicalize(input)).isEqualTo(expected);
        assertThat(UrlCanonicalizer.canonicalize(expected)).as("idempotent").isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ftp://a.test/x", "javascript:alert(1)", "http://", "http://a.test:99999/",
        "http://a.test:x/"})
    void invalidUrls_areRefusedWithAReason(String input) {
        assertThatThrownBy(() -> UrlCanonicalizer.canonicalize(input)).isInstanceOf(InvalidInputException.class);
    }
}
