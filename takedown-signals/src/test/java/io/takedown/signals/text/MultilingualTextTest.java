package io.takedown.signals.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Synthetic, neutral sentences (weather, markets, sport) in the outlets' languages: a copy with edits
 * scores high, an unrelated text in the same language scores low, and the language is named.
 */
class MultilingualTextTest {

    private final LanguageIdentifier languages = new LanguageIdentifier();

    /** original, the same text lightly edited, an unrelated text, the expected language. */
    record Case(String language, String original, String edited, String unrelated) {
        @Override
        public String toString() {
            return language;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("ar",
                        "أعلنت الهيئة العامة للأرصاد الجوية أن درجات الحرارة ستنخفض تدريجيا خلال الأيام القادمة مع هطول أمطار متفرقة على المناطق الساحلية والجبلية في شمال البلاد",
                        "أعلنت الهيئة العامة للأرصاد الجويّة أنّ درجات الحرارة ستنخفض تدريجيًّا خلال الأيام المقبلة مع هطول أمطار متفرقة على المناطق الساحلية والجبلية في شمال البلاد",
                        "افتتحت المكتبة الوطنية قاعة جديدة للقراءة تضم آلاف الكتب في التاريخ والعلوم والأدب ويمكن للطلاب زيارتها مجانا طوال أيام الأسبوع"),
                new Case("en",
                        "The regional weather service announced that temperatures will fall gradually over the coming days, with scattered rain expected along the coast and in the northern hills.",
                        "The regional weather service said that temperatures will fall gradually over the next days, with scattered rain expected along the coast and in the northern hills!",
                        "The city library opened a new reading room with thousands of books on history, science and literature, free for students every day of the week."),
                new Case("fr",
                        "Le service météorologique régional a annoncé que les températures baisseront progressivement au cours des prochains jours, avec des pluies éparses sur la côte et les collines du nord.",
                        "Le service météorologique régional a indiqué que les températures baisseront progressivement au cours des prochains jours, avec des pluies éparses sur la côte et sur les collines du nord.",
                        "La bibliothèque municipale a ouvert une nouvelle salle de lecture avec des milliers de livres d'histoire, de sciences et de littérature, gratuite pour les étudiants."),
                new Case("de",
                        "Der regionale Wetterdienst kündigte an, dass die Temperaturen in den kommenden Tagen allmählich sinken werden, mit vereinzeltem Regen an der Küste und in den nördlichen Hügeln.",
                        "Der regionale Wetterdienst teilte mit, dass die Temperaturen in den kommenden Tagen allmählich sinken werden, mit vereinzeltem Regen an der Küste und in den nördlichen Hügeln.",
                        "Die Stadtbibliothek hat einen neuen Lesesaal mit tausenden Büchern über Geschichte, Wissenschaft und Literatur eröffnet, kostenlos für Studierende an jedem Wochentag."),
                new Case("ru",
                        "Региональная метеослужба сообщила, что в ближайшие дни температура будет постепенно снижаться, а на побережье и в северных холмах ожидаются небольшие дожди.",
                        "Региональная метеослужба объявила, что в ближайшие дни температура будет постепенно снижаться, а на побережье и в северных холмах ожидаются кратковременные дожди.",
                        "Городская библиотека открыла новый читальный зал с тысячами книг по истории, науке и литературе, бесплатный для студентов в любой день недели."),
                new Case("tr",
                        "Bölge meteoroloji servisi, önümüzdeki günlerde sıcaklıkların kademeli olarak düşeceğini ve kıyı ile kuzey tepelerinde yer yer yağmur beklendiğini açıkladı.",
                        "Bölge meteoroloji servisi, önümüzdeki günlerde sıcaklıkların yavaş yavaş düşeceğini ve kıyı ile kuzey tepelerinde yer yer yağmur beklendiğini duyurdu.",
                        "Şehir kütüphanesi tarih, bilim ve edebiyat üzerine binlerce kitap bulunan yeni bir okuma salonu açtı ve öğrenciler için her gün ücretsiz."),
                new Case("ur",
                        "علاقائی محکمہ موسمیات نے اعلان کیا ہے کہ آنے والے دنوں میں درجہ حرارت بتدریج کم ہو جائے گا اور ساحلی علاقوں اور شمالی پہاڑیوں میں کہیں کہیں بارش متوقع ہے",
                        "علاقائی محکمۂ موسمیات نے اعلان کیا ہے کہ آنے والے دنوں میں درجۂ حرارت بتدریج کم ہو جائے گا اور ساحلی علاقوں اور شمالی پہاڑیوں میں کہیں کہیں ہلکی بارش متوقع ہے",
                        "شہر کی لائبریری نے تاریخ سائنس اور ادب کی ہزاروں کتابوں کے ساتھ ایک نیا مطالعہ ہال کھولا ہے جو طلبہ کے لیے ہر روز مفت ہے"),
                new Case("id",
                        "Badan meteorologi daerah mengumumkan bahwa suhu akan turun secara bertahap dalam beberapa hari ke depan, dengan hujan tersebar di pesisir dan perbukitan utara.",
                        "Badan meteorologi daerah menyatakan bahwa suhu akan turun secara bertahap dalam beberapa hari mendatang, dengan hujan tersebar di pesisir dan perbukitan utara.",
                        "Perpustakaan kota membuka ruang baca baru dengan ribuan buku sejarah, sains dan sastra yang gratis bagi mahasiswa setiap hari dalam seminggu."),
                new Case("es",
                        "El servicio meteorológico regional anunció que las temperaturas bajarán gradualmente durante los próximos días, con lluvias dispersas en la costa y en las colinas del norte.",
                        "El servicio meteorológico regional informó que las temperaturas bajarán gradualmente durante los próximos días, con lluvias dispersas en la costa y las colinas del norte.",
                        "La biblioteca municipal abrió una nueva sala de lectura con miles de libros de historia, ciencia y literatura, gratuita para los estudiantes todos los días."),
                new Case("fa",
                        "سازمان هواشناسی منطقه اعلام کرد که دمای هوا در روزهای آینده به تدریج کاهش می‌یابد و در مناطق ساحلی و تپه‌های شمالی بارش پراکنده پیش بینی می‌شود",
                        "سازمان هواشناسی منطقه اعلام کرد که دمای هوا در روزهای آتی به تدریج کاهش می‌یابد و در مناطق ساحلی و تپه‌های شمالی بارش‌های پراکنده پیش بینی می‌شود",
                        "کتابخانه شهر یک سالن مطالعه جدید با هزاران کتاب تاریخ و علوم و ادبیات افتتاح کرد که برای دانشجویان هر روز رایگان است"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void editedCopyScoresHigh_unrelatedScoresLow(Case c) {
        MinHash original = TextSignal.fingerprint(c.original());
        double edited = original.similarity(TextSignal.fingerprint(c.edited()));
        double unrelated = original.similarity(TextSignal.fingerprint(c.unrelated()));
        assertThat(edited).as("edited copy in %s", c.language()).isGreaterThanOrEqualTo(0.6);
        assertThat(unrelated).as("unrelated text in %s", c.language()).isLessThanOrEqualTo(0.15);
        TextSignal signal = new TextSignal();
        assertThat(signal.distance(signal.hash(c.original()).value(), signal.hash(c.edited()).value()))
                .isLessThan(TextSignal.DEFAULT_MATCH_DISTANCE);
        assertThat(signal.distance(signal.hash(c.original()).value(), signal.hash(c.unrelated()).value()))
                .isGreaterThan(TextSignal.DEFAULT_MATCH_DISTANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void languageIsIdentified(Case c) {
        assertThat(languages.identify(c.original())).as("language of the %s text", c.language()).hasValue(c.language());
        assertThat(languages.identify(c.unrelated())).hasValue(c.language());
    }
}
