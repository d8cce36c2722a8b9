package io.takedown.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Neutral synthetic text (weather, markets, libraries, sport, transport, science, cooking, festivals) in
 * the languages outlets publish in. Articles are seeded selections of these sentences; every article is
 * marked as synthetic.
 */
final class Texts {

    static final List<String> LANGUAGES = List.of("ar", "en", "fr", "de", "ru", "tr", "ur", "id", "es");

    static final String MARK = "[SYNTHETIC RANGE CONTENT]";

    private static final Map<String, List<String>> SENTENCES = Map.of(
            "en", List.of(
                    "The regional weather service expects light rain over the northern hills this week.",
                    "Markets in the old town opened early to sell fresh bread and seasonal fruit.",
                    "The city library added a reading room with books on history and science.",
                    "The local football club trained on the new pitch before the weekend match.",
                    "A new bus line now connects the harbour with the university district.",
                    "Students built a small weather station for the school science fair.",
                    "A cooking class taught families how to bake flat bread at home.",
                    "The spring festival brought music and lanterns to the central square.",
                    "Engineers repaired the old bridge so that bicycles can cross it again.",
                    "The museum showed a collection of maps drawn by sailors long ago."),
            "fr", List.of(
                    "Le service météo régional prévoit une pluie légère sur les collines du nord cette semaine.",
                    "Les marchés de la vieille ville ont ouvert tôt pour vendre du pain frais et des fruits.",
                    "La bibliothèque municipale a ouvert une salle de lecture sur l'histoire et les sciences.",
                    "Le club de football local s'est entraîné sur le nouveau terrain avant le match.",
                    "Une nouvelle ligne de bus relie désormais le port au quartier de l'université.",
                    "Des élèves ont construit une petite station météo pour la foire scientifique.",
                    "Un cours de cuisine a appris aux familles à préparer du pain plat à la maison.",
                    "La fête du printemps a apporté musique et lanternes sur la place centrale.",
                    "Des ingénieurs ont réparé le vieux pont pour que les vélos puissent le traverser.",
                    "Le musée a présenté des cartes dessinées autrefois par des marins."),
            "de", List.of(
                    "Der regionale Wetterdienst erwartet diese Woche leichten Regen über den nördlichen Hügeln.",
                    "Die Märkte in der Altstadt öffneten früh, um frisches Brot und Obst zu verkaufen.",
                    "Die Stadtbibliothek hat einen Lesesaal mit Büchern über Geschichte und Wissenschaft eröffnet.",
                    "Der örtliche Fußballverein trainierte vor dem Spiel auf dem neuen Platz.",
                    "Eine neue Buslinie verbindet jetzt den Hafen mit dem Universitätsviertel.",
                    "Schüler bauten eine kleine Wetterstation für die Wissenschaftsmesse der Schule.",
                    "Ein Kochkurs zeigte Familien, wie man zu Hause Fladenbrot backt.",
                    "Das Frühlingsfest brachte Musik und Laternen auf den zentralen Platz.",
                    "Ingenieure reparierten die alte Brücke, damit Fahrräder sie wieder überqueren können.",
                    "Das Museum zeigte Karten, die Seeleute vor langer Zeit gezeichnet haben."),
            "es", List.of(
                    "El servicio meteorológico regional espera lluvia ligera sobre las colinas del norte esta semana.",
                    "Los mercados del casco antiguo abrieron temprano para vender pan fresco y fruta.",
                    "La biblioteca municipal abrió una sala de lectura con libros de historia y ciencia.",
                    "El club de fútbol local entrenó en el nuevo campo antes del partido.",
                    "Una nueva línea de autobús conecta ahora el puerto con el barrio universitario.",
                    "Los estudiantes construyeron una pequeña estación meteorológica para la feria de ciencias.",
                    "Una clase de cocina enseñó a las familias a hornear pan plano en casa.",
                    "La fiesta de primavera llevó música y farolillos a la plaza central.",
                    "Los ingenieros repararon el viejo puente para que las bicicletas puedan cruzarlo.",
                    "El museo mostró mapas dibujados por marineros hace mucho tiempo."),
            "ru", List.of(
                    "Региональная метеослужба ожидает на этой неделе небольшой дождь над северными холмами.",
                    "Рынки старого города открылись рано, чтобы продавать свежий хлеб и фрукты.",
                    "Городская библиотека открыла читальный зал с книгами по истории и науке.",
                    "Местный футбольный клуб тренировался на новом поле перед матчем.",
                    "Новая автобусная линия соединяет порт с университетским районом.",
                    "Школьники построили маленькую метеостанцию для научной ярмарки.",
                    "На кулинарном занятии семьи учились печь лепёшки дома.",
                    "Весенний праздник принёс музыку и фонари на центральную площадь.",
                    "Инженеры отремонтировали старый мост, и велосипедисты снова могут по нему ездить.",
                    "Музей показал карты, которые моряки нарисовали много лет назад."),
            "tr", List.of(
                    "Bölge meteoroloji servisi bu hafta kuzey tepelerinde hafif yağmur bekliyor.",
                    "Eski şehirdeki pazarlar taze ekmek ve meyve satmak için erken açıldı.",
                    "Şehir kütüphanesi tarih ve bilim kitaplarıyla yeni bir okuma salonu açtı.",
                    "Yerel futbol kulübü maçtan önce yeni sahada antrenman yaptı.",
                    "Yeni bir otobüs hattı artık limanı üniversite semtine bağlıyor.",
                    "Öğrenciler okul bilim fuarı için küçük bir hava istasyonu kurdu.",
                    "Bir yemek kursu ailelere evde bazlama yapmayı öğretti.",
                    "Bahar şenliği merkez meydana müzik ve fenerler getirdi.",
                    "Mühendisler bisikletlerin yeniden geçebilmesi için eski köprüyü onardı.",
                    "Müze denizcilerin uzun zaman önce çizdiği haritaları sergiledi."),
            "id", List.of(
                    "Badan cuaca daerah memperkirakan hujan ringan di perbukitan utara minggu ini.",
                    "Pasar di kota tua dibuka pagi untuk menjual roti segar dan buah musiman.",
                    "Perpustakaan kota membuka ruang baca dengan buku sejarah dan sains.",
                    "Klub sepak bola setempat berlatih di lapangan baru sebelum pertandingan.",
                    "Jalur bus baru kini menghubungkan pelabuhan dengan kawasan universitas.",
                    "Para siswa membangun stasiun cuaca kecil untuk pameran sains sekolah.",
                    "Kelas memasak mengajari keluarga cara membuat roti pipih di rumah.",
                    "Festival musim semi membawa musik dan lentera ke alun-alun pusat.",
                    "Para insinyur memperbaiki jembatan tua agar sepeda dapat melintas lagi.",
                    "Museum memamerkan peta yang digambar para pelaut sejak lama."),
            "ar", List.of(
                    "تتوقع هيئة الأرصاد الإقليمية أمطارا خفيفة فوق التلال الشمالية هذا الأسبوع",
                    "فتحت أسواق المدينة القديمة مبكرا لبيع الخبز الطازج والفواكه الموسمية",
                    "افتتحت مكتبة المدينة قاعة قراءة تضم كتبا في التاريخ والعلوم",
                    "تدرب نادي كرة القدم المحلي على الملعب الجديد قبل المباراة",
                    "يربط خط حافلات جديد الآن الميناء بحي الجامعة",
                    "بنى الطلاب محطة طقس صغيرة لمعرض العلوم في المدرسة",
                    "علمت دروس الطبخ العائلات كيفية خبز الخبز في المنزل",
                    "جلب مهرجان الربيع الموسيقى والفوانيس إلى الساحة المركزية",
                    "أصلح المهندسون الجسر القديم حتى تتمكن الدراجات من عبوره مرة أخرى",
                    "عرض المتحف خرائط رسمها البحارة منذ زمن بعيد"),
            "ur", List.of(
                    "علاقائی محکمہ موسمیات کو اس ہفتے شمالی پہاڑیوں پر ہلکی بارش کی توقع ہے",
                    "پرانے شہر کے بازار تازہ روٹی اور موسمی پھل بیچنے کے لیے جلد کھل گئے",
                    "شہر کی لائبریری نے تاریخ اور سائنس کی کتابوں کے ساتھ مطالعہ ہال کھولا",
                    "مقامی فٹبال کلب نے میچ سے پہلے نئے میدان پر مشق کی",
                    "ایک نئی بس لائن اب بندرگاہ کو یونیورسٹی کے علاقے سے جوڑتی ہے",
                    "طلبہ نے اسکول کے سائنس میلے کے لیے ایک چھوٹا موسمی اسٹیشن بنایا",
                    "کھانا پکانے کی کلاس نے خاندانوں کو گھر پر روٹی بنانا سکھایا",
                    "بہار کے میلے نے مرکزی چوک میں موسیقی اور فانوس لائے",
                    "انجینئروں نے پرانا پل مرمت کیا تاکہ سائیکلیں دوبارہ گزر سکیں",
                    "عجائب گھر نے وہ نقشے دکھائے جو ملاحوں نے بہت پہلے بنائے تھے"));

    private Texts() {
    }

    /** An article body: a mark, then 4-7 sentences chosen and ordered by the random stream. */
    static String article(String language, SplittableRandom random) {
        List<String> bank = SENTENCES.get(language);
        List<String> chosen = new ArrayList<>(bank);
        for (int i = chosen.size() - 1; i > 0; i--) {
            java.util.Collections.swap(chosen, i, random.nextInt(i + 1));
        }
        int count = 3 + random.nextInt(3);
        // Station readings: figures unique to the article, as real bulletins carry. Without them two
        // articles built from the same sentence bank would look like copies of each other.
        StringBuilder readings = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            readings.append(' ').append(1000 + random.nextInt(9000)).append('-').append(100 + random.nextInt(900))
                    .append('/').append(10 + random.nextInt(90));
        }
        return MARK + " " + String.join(" ", chosen.subList(0, count)) + readings;
    }

    static String title(String language, SplittableRandom random) {
        String sentence = SENTENCES.get(language).get(random.nextInt(SENTENCES.get(language).size()));
        String[] words = sentence.split(" ");
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(6, words.length)));
    }

    /**
     * An edited copy, as re-posters make them: one sentence dropped or swapped for another, a few words
     * changed, punctuation touched; the mark stays.
     */
    static String edited(String original, String language, SplittableRandom random) {
        String body = original.substring(MARK.length()).strip();
        List<String> words = new ArrayList<>(List.of(body.split(" ")));
        int edits = 1 + words.size() / 25;
        for (int i = 0; i < edits && words.size() > 3; i++) {
            int at = random.nextInt(words.size());
            switch (random.nextInt(3)) {
                case 0 -> words.remove(at);
                case 1 -> words.set(at, words.get(at).toUpperCase(java.util.Locale.ROOT));
                default -> words.add(at, words.get(random.nextInt(words.size())));
            }
        }
        return MARK + " " + String.join(" ", words) + (random.nextBoolean() ? "!" : "");
    }
}
