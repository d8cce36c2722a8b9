package io.takedown.signals.vpdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.core.InvalidInputException;
import io.takedown.signals.pdq.PdqHash;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class VpdqHashTest {

    private static final String A = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";
    private static final String B = "e271017837246aaccddea259648fb7d62f435c89d9e99b2497763e216c8d055c";

    @Test
    void pythonFormat_matchesPythonOnEveryRecordedValue() throws IOException {
        // Pairs printed by CPython 3.11: repr of a float-rounded value, then format(value, '.3').
        try (InputStream in = getClass().getResourceAsStream("python-float-format.txt")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).hasSizeGreaterThan(50);
            for (String line : lines) {
                String[] pair = line.split(" ");
                assertThat(PythonFloat.threeSignificant(Double.parseDouble(pair[0]))).as(pair[0]).isEqualTo(pair[1]);
            }
        }
    }

    @Test
    void exchangeForm_isWhatPythonThreatExchangeWrites() {
        VpdqHash hash = new VpdqHash(List.of(new VpdqFeature(0, 100, PdqHash.fromHex(A), 0.0),
                new VpdqFeature(3030, 87, PdqHash.fromHex(B), VpdqFeature.timestamp(3030, 30))));
        assertThat(hash.toExchange()).isEqualTo("[\"" + A + ",100,0.0\", \"" + B + ",87,1.01e+02\"]");
        assertThat(hash.toLines()).isEqualTo("0,100," + A + ",0.000\n3030,87," + B + ",101.000\n");
    }

    @Test
    void bothForms_parseAndTheExchangeFormIsCanonical() {
        VpdqSignal signal = new VpdqSignal();
        String lines = "0,100," + A + ",0.000\r\n30,99," + B.toUpperCase() + ",1.000\n";
        String canonical = signal.validate(lines);
        assertThat(canonical).isEqualTo("[\"" + A + ",100,0.0\", \"" + B + ",99,1.0\"]");
        assertThat(signal.validate(canonical)).isEqualTo(canonical);
        assertThat(signal.validate("[]")).isEqualTo("[]");
        assertThat(signal.validate("  [ \"" + A + ",5,2.500\" ]  ")).isEqualTo("[\"" + A + ",5,2.5\"]");
    }

    @Test
    void malformedValues_areRefusedWithTheirPlace() {
        VpdqSignal signal = new VpdqSignal();
        assertThatThrownBy(() -> signal.validate("[\"" + A + ",100\"]")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("item 1");
        assertThatThrownBy(() -> signal.validate("[\"" + A + ",101,0.0\"]")).hasMessageContaining("quality");
        assertThatThrownBy(() -> signal.validate("[\"" + A + ",100,-1\"]")).hasMessageContaining("time stamp");
        assertThatThrownBy(() -> signal.validate("[1, 2]")).hasMessageContaining("character 2");
        assertThatThrownBy(() -> signal.validate("[\"" + A + ",1,0\"] x")).hasMessageContaining("after the array");
        assertThatThrownBy(() -> signal.validate("0,100," + A + ",0.000\n1,100,zz,0.033"))
                .hasMessageContaining("line 2");
    }

    @Test
    void distance_isTheShareOfTheQueryNotFound() {
        VpdqSignal signal = new VpdqSignal();
        String four = exchange(A, B, flip(A, 40), flip(B, 40));
        String half = exchange(flip(A, 3), flip(B, 5));
        assertThat(signal.distance(half, four)).isZero();
        assertThat(signal.distance(four, half)).isEqualTo(50);
        assertThat(signal.distance(four, four)).isZero();
        assertThat(signal.distance("[]", four)).isEqualTo(100);
    }

    @Test
    void comparison_dropsLowQualityAndRepeatedFrames() {
        VpdqHash query = new VpdqHash(List.of(feature(A, 100, 0), feature(A, 100, 1), feature(A, 100, 2),
                feature(B, 10, 3)));
        VpdqHash other = new VpdqHash(List.of(feature(flip(A, 31), 90, 0), feature(flip(B, 0), 90, 1)));
        VpdqComparison.Result result = VpdqComparison.DEFAULT.compare(query, other);
        assertThat(result.queryMatchPercent()).isEqualTo(100.0);
        assertThat(result.comparedMatchPercent()).isEqualTo(50.0);
        assertThat(result.match()).isTrue();
        VpdqHash far = new VpdqHash(List.of(feature(flip(A, 32), 90, 0)));
        assertThat(VpdqComparison.DEFAULT.compare(query, far).match()).isFalse();
    }

    static VpdqFeature feature(String hex, int quality, double seconds) {
        return new VpdqFeature(-1, quality, PdqHash.fromHex(hex), seconds);
    }

    static String exchange(String... hexes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hexes.length; i++) {
            out.append(i == 0 ? "" : "\n").append(i).append(",100,").append(hexes[i]).append(',').append(i).append(".000");
        }
        return new VpdqSignal().validate(out.toString());
    }

    /** The hash with its first {@code bits} bits inverted. */
    static String flip(String hex, int bits) {
        char[] digits = hex.toCharArray();
        for (int bit = 0; bit < bits; bit++) {
            int index = bit / 4;
            int value = Character.digit(digits[index], 16) ^ (1 << (bit % 4));
            digits[index] = Character.forDigit(value, 16);
        }
        return new String(digits);
    }
}
