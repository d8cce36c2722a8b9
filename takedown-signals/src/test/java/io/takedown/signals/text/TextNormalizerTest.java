package io.takedown.signals.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void arabicVariantsFoldToOneForm() {
        // Diacritics, tatweel, hamza-carrying alef, alef maqsura and ta marbuta are all presentation.
        String plain = TextNormalizer.normalize("الى مدرسه احمد");
        assertThat(TextNormalizer.normalize("إلى مدرسة أحمد")).isEqualTo(plain);
        assertThat(TextNormalizer.normalize("إِلَى مَدْرَسَةِ أَحْمَد")).isEqualTo(plain);
        assertThat(TextNormalizer.normalize("إلـــى مدرسـة أحمـــد")).isEqualTo(plain);
    }

    @Test
    void presentationFormsAndPersianLettersFold() {
        // U+FEF3 etc. are Arabic presentation forms, U+06CC Farsi yeh, U+06A9 keheh.
        assertThat(TextNormalizer.normalize("\uFEE3\uFEA4\uFEE4\uFEA9")).isEqualTo(TextNormalizer.normalize("محمد"));
        assertThat(TextNormalizer.normalize("کتاب یک")).isEqualTo(TextNormalizer.normalize("كتاب يك"));
    }

    @Test
    void widthCaseAndDigitsFold() {
        assertThat(TextNormalizer.normalize("ＡＢＣ Straße ١٢٣ ۴۵۶")).isEqualTo("abc strasse 123 456");
    }

    @Test
    void scriptsWithoutSpacesAreSegmentedIntoWords() {
        Tokenizer tokenizer = new Tokenizer();
        List<String> chinese = tokenizer.tokens(TextNormalizer.normalize("天气预报说明天会下雨。"));
        assertThat(chinese.size()).isGreaterThan(3);
        List<String> thai = tokenizer.tokens("พยากรณ์อากาศบอกว่าพรุ่งนี้ฝนจะตก");
        assertThat(thai.size()).isGreaterThan(3);
        assertThat(tokenizer.tokens("hello, world! 42")).containsExactly("hello", "world", "42");
    }

    @Test
    void minHashRoundTripsThroughHex() {
        MinHash hash = TextSignal.fingerprint("A synthetic sentence about the weather in the hills.");
        assertThat(MinHash.fromHex(hash.toHex())).isEqualTo(hash);
        assertThat(hash.toHex()).hasSize(MinHash.HEX_DIGITS).matches("[0-9a-f]+");
        assertThat(hash.similarity(hash)).isEqualTo(1.0);
    }
}
