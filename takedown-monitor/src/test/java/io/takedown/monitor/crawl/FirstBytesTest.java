package io.takedown.monitor.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.range.Article;
import io.takedown.range.Channels;
import io.takedown.range.Images;
import io.takedown.range.Outlet;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.signals.hashing.MediaTypeSniffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FirstBytesTest {

    private final MediaTypeSniffer tika = new MediaTypeSniffer();

    private String tika(byte[] body, String name) {
        int n = Math.min(body.length, MediaTypeSniffer.PREFIX_BYTES);
        return tika.sniff(java.util.Arrays.copyOf(body, n), n, name);
    }

    @Test
    void sniff_rangePagesAndImages_namesWhatTikaNames() {
        World world = World.generate(5, RangeSize.SMALL);
        Outlet outlet = world.outlets().getFirst();
        Article article = world.article(outlet, 3);
        byte[] page = Channels.articlePage(article, world.copies(article)).getBytes(StandardCharsets.UTF_8);
        byte[] index = Channels.index(outlet, List.of(article)).getBytes(StandardCharsets.UTF_8);
        byte[] png = Images.png(Images.original(world, article));
        byte[] jpeg = Images.jpeg(Images.original(world, article), 0.8f);

        assertThat(FirstBytes.sniff(page, "text/html; charset=utf-8")).contains(tika(page, "3.html"));
        assertThat(FirstBytes.sniff(index, "text/html")).contains(tika(index, ""));
        assertThat(FirstBytes.sniff(png, "image/png")).contains(tika(png, "3.png"));
        assertThat(FirstBytes.sniff(jpeg, "IMAGE/JPEG")).contains(tika(jpeg, "3.jpg"));
    }

    @Test
    void sniff_bytesDisagreeWithDeclaredType_leavesItToTika() {
        World world = World.generate(5, RangeSize.SMALL);
        byte[] png = Images.png(Images.original(world, world.article(world.outlets().getFirst(), 0)));
        assertThat(FirstBytes.sniff(png, "text/html")).isEmpty();
        assertThat(FirstBytes.sniff(png, "image/jpeg")).isEmpty();
        assertThat(FirstBytes.sniff("<html><body>x</body></html>".getBytes(StandardCharsets.US_ASCII), "image/png"))
                .isEmpty();
        assertThat(FirstBytes.sniff("<htmlish>".getBytes(StandardCharsets.US_ASCII), "text/html")).isEmpty();
        assertThat(FirstBytes.sniff("plain words".getBytes(StandardCharsets.US_ASCII), "text/html")).isEmpty();
        assertThat(FirstBytes.sniff(new byte[0], "image/png")).isEmpty();
        assertThat(FirstBytes.sniff(new byte[] {(byte) 0x89, 'P'}, "image/png")).isEmpty();
        assertThat(FirstBytes.sniff(png, "")).isEmpty();
    }

    @Test
    void typeOfName_extensions_claimTheirTypes() {
        assertThat(FirstBytes.typeOfName("attachments/Logo.PNG")).isEqualTo("image/png");
        assertThat(FirstBytes.typeOfName("a.jpeg")).isEqualTo("image/jpeg");
        assertThat(FirstBytes.typeOfName("index.htm")).isEqualTo("text/html");
        assertThat(FirstBytes.typeOfName("manifest.json")).isEmpty();
        assertThat(FirstBytes.typeOfName("png")).isEmpty();
        assertThat(FirstBytes.typeOfName("dir.png/file")).isEmpty();
    }

    @Test
    void sniff_bomAndBlanksBeforeDoctype_isHtml() {
        byte[] body = "\uFEFF\n  <!DOCTYPE html>\n<html></html>".getBytes(StandardCharsets.UTF_8);
        assertThat(FirstBytes.sniff(body, "text/html")).isEqualTo(Optional.of("text/html"));
    }
}
