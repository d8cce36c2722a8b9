package io.takedown.infra.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

class FaviconHashTest {

    @Test
    void murmur_matchesTheReferenceVectorsOfMmh3() {
        // mmh3.hash(b"hello") and mmh3.hash(b"foo"): signed x86 32-bit, seed 0.
        assertThat(MurmurHash3.hash32x86("hello".getBytes(StandardCharsets.US_ASCII))).isEqualTo(613153351);
        assertThat(MurmurHash3.hash32x86("foo".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-156908512);
    }

    @Test
    void base64Lines_areThoseOfPythonsEncodebytes() {
        byte[] sixty = new byte[60];
        for (int i = 0; i < sixty.length; i++) {
            sixty[i] = (byte) i;
        }
        String lines = new String(FaviconHash.base64Lines(sixty), StandardCharsets.US_ASCII);
        // 60 bytes -> 80 base64 characters: one full line of 76, then 4, each ending in a newline.
        assertThat(lines.split("\n", -1)).hasSize(3);
        assertThat(lines.split("\n")[0]).hasSize(76);
        assertThat(lines).endsWith("\n").doesNotContain("\r");
        assertThat(new String(FaviconHash.base64Lines("ab".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII))
                .isEqualTo("YWI=\n");
        assertThat(FaviconHash.base64Lines(new byte[0])).isEmpty();
        assertThat(FaviconHash.of("ab".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(MurmurHash3.hash32x86("YWI=\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Property(tries = 200)
    void base64Lines_anyBytes_linesOf76AndAFinalNewline(@ForAll @Size(max = 2000) byte[] bytes) {
        String lines = new String(FaviconHash.base64Lines(bytes), StandardCharsets.US_ASCII);
        if (bytes.length == 0) {
            assertThat(lines).isEmpty();
            return;
        }
        assertThat(lines).endsWith("\n");
        for (String line : lines.substring(0, lines.length() - 1).split("\n")) {
            assertThat(line.length()).isBetween(1, 76);
        }
        assertThat(java.util.Base64.getMimeDecoder().decode(lines)).isEqualTo(bytes);
    }
}
