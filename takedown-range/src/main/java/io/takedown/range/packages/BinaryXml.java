package io.takedown.range.packages;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Android's binary XML (the compiled form of {@code AndroidManifest.xml} inside an APK), written from the
 * published chunk format: an XML chunk holding a UTF-16 string pool, the resource-id map of the attribute
 * names, then namespace and element start/end chunks with typed attribute values. Enough of the format for
 * a manifest that real parsers (e.g. apk-parser, aapt) read: string and integer attributes, one namespace.
 */
public final class BinaryXml {

    public static final String ANDROID_NS = "http://schemas.android.com/apk/res/android";

    private static final int RES_XML_TYPE = 0x0003;
    private static final int RES_STRING_POOL_TYPE = 0x0001;
    private static final int RES_XML_RESOURCE_MAP_TYPE = 0x0180;
    private static final int RES_XML_START_NAMESPACE_TYPE = 0x0100;
    private static final int RES_XML_END_NAMESPACE_TYPE = 0x0101;
    private static final int RES_XML_START_ELEMENT_TYPE = 0x0102;
    private static final int RES_XML_END_ELEMENT_TYPE = 0x0103;
    private static final int TYPE_STRING = 0x03;
    private static final int TYPE_INT_DEC = 0x10;
    private static final int NO_INDEX = -1;

    /** Framework resource ids of the android: attributes a manifest uses. */
    private static final Map<String, Integer> ATTRIBUTE_IDS = Map.of(
            "label", 0x01010001, "icon", 0x01010002, "name", 0x01010003, "versionCode", 0x0101021b,
            "versionName", 0x0101021c, "minSdkVersion", 0x0101020c, "targetSdkVersion", 0x01010270);

    /** An attribute: android-namespaced or not, with a string or integer value. */
    public record Attribute(boolean android, String name, Object value) {
    }

    /** An element with attributes and children. */
    public record Element(String name, List<Attribute> attributes, List<Element> children) {
    }

    private final List<String> strings = new ArrayList<>();
    private final Map<String, Integer> index = new LinkedHashMap<>();

    private BinaryXml() {
    }

    /** Encodes a document whose root declares the android namespace. */
    public static byte[] encode(Element root) {
        BinaryXml xml = new BinaryXml();
        // Attribute names with resource ids come first, in map order, as aapt lays them out.
        List<String> resourceNames = new ArrayList<>();
        xml.collectAttributeNames(root, resourceNames);
        resourceNames.forEach(xml::string);
        xml.string("android");
        xml.string(ANDROID_NS);
        xml.collectOther(root);

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(xml.stringPool());
        body.writeBytes(resourceMap(resourceNames));
        body.writeBytes(namespace(RES_XML_START_NAMESPACE_TYPE, xml.string("android"), xml.string(ANDROID_NS)));
        xml.element(root, body);
        body.writeBytes(namespace(RES_XML_END_NAMESPACE_TYPE, xml.string("android"), xml.string(ANDROID_NS)));
        ByteBuffer header = le(8);
        header.putShort((short) RES_XML_TYPE).putShort((short) 8).putInt(8 + body.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private void collectAttributeNames(Element element, List<String> names) {
        for (Attribute attribute : element.attributes()) {
            if (attribute.android() && ATTRIBUTE_IDS.containsKey(attribute.name()) && !names.contains(attribute.name())) {
                names.add(attribute.name());
            }
        }
        element.children().forEach(child -> collectAttributeNames(child, names));
    }

    private void collectOther(Element element) {
        string(element.name());
        for (Attribute attribute : element.attributes()) {
            string(attribute.name());
            if (attribute.value() instanceof String s) {
                string(s);
            }
        }
        element.children().forEach(this::collectOther);
    }

    private int string(String s) {
        return index.computeIfAbsent(s, k -> {
            strings.add(k);
            return strings.size() - 1;
        });
    }

    private void element(Element element, ByteArrayOutputStream out) {
        List<Attribute> attributes = element.attributes();
        int size = 16 + 20 + 20 * attributes.size();
        ByteBuffer start = le(size);
        start.putShort((short) RES_XML_START_ELEMENT_TYPE).putShort((short) 16).putInt(size);
        start.putInt(1).putInt(NO_INDEX);
        start.putInt(NO_INDEX).putInt(string(element.name()));
        start.putShort((short) 20).putShort((short) 20).putShort((short) attributes.size());
        start.putShort((short) 0).putShort((short) 0).putShort((short) 0);
        for (Attribute attribute : attributes) {
            start.putInt(attribute.android() ? string(ANDROID_NS) : NO_INDEX);
            start.putInt(string(attribute.name()));
            if (attribute.value() instanceof String s) {
                start.putInt(string(s));
                start.putShort((short) 8).put((byte) 0).put((byte) TYPE_STRING).putInt(string(s));
            } else {
                start.putInt(NO_INDEX);
                start.putShort((short) 8).put((byte) 0).put((byte) TYPE_INT_DEC).putInt(((Number) attribute.value()).intValue());
            }
        }
        out.writeBytes(start.array());
        for (Element child : element.children()) {
            element(child, out);
        }
        ByteBuffer end = le(24);
        end.putShort((short) RES_XML_END_ELEMENT_TYPE).putShort((short) 16).putInt(24);
        end.putInt(1).putInt(NO_INDEX).putInt(NO_INDEX).putInt(string(element.name()));
        out.writeBytes(end.array());
    }

    private static byte[] namespace(int type, int prefix, int uri) {
        ByteBuffer chunk = le(24);
        chunk.putShort((short) type).putShort((short) 16).putInt(24);
        chunk.putInt(1).putInt(NO_INDEX).putInt(prefix).putInt(uri);
        return chunk.array();
    }

    private static byte[] resourceMap(List<String> names) {
        ByteBuffer chunk = le(8 + 4 * names.size());
        chunk.putShort((short) RES_XML_RESOURCE_MAP_TYPE).putShort((short) 8).putInt(8 + 4 * names.size());
        names.forEach(name -> chunk.putInt(ATTRIBUTE_IDS.get(name)));
        return chunk.array();
    }

    /** UTF-16 string pool: header, offsets, then each string as length, UTF-16LE units, NUL; padded to 4. */
    private byte[] stringPool() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int[] offsets = new int[strings.size()];
        for (int i = 0; i < strings.size(); i++) {
            offsets[i] = data.size();
            String s = strings.get(i);
            byte[] units = s.getBytes(StandardCharsets.UTF_16LE);
            ByteBuffer length = le(2);
            length.putShort((short) s.length());
            data.writeBytes(length.array());
            data.writeBytes(units);
            data.writeBytes(new byte[2]);
        }
        while (data.size() % 4 != 0) {
            data.write(0);
        }
        int headerSize = 28;
        int stringsStart = headerSize + 4 * strings.size();
        int size = stringsStart + data.size();
        ByteBuffer chunk = le(stringsStart);
        chunk.putShort((short) RES_STRING_POOL_TYPE).putShort((short) headerSize).putInt(size);
        chunk.putInt(strings.size()).putInt(0).putInt(0).putInt(stringsStart).putInt(0);
        for (int offset : offsets) {
            chunk.putInt(offset);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(chunk.array());
        out.writeBytes(data.toByteArray());
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
