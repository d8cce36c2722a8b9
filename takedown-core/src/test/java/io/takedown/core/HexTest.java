package io.takedown.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class HexTest {

    @Property
    void encodeThenDecode_roundTrips(@ForAll byte[] bytes) {
        assertThat(Hex.decode(Hex.encode(bytes), bytes.length)).isEqualTo(bytes);
    }

    @Test
    void decode_wrongLength_namesLengths() {
        assertThatThrownBy(() -> Hex.decode("abc", 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected 4 hex digits, got 3 characters");
    }

    @Test
    void decode_nonHex_namesPosition() {
        assertThatThrownBy(() -> Hex.decode("0g", 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("position 1");
    }
}
