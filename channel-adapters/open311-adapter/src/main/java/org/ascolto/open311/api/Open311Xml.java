package org.ascolto.open311.api;

import java.io.StringWriter;
import java.util.Iterator;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Open311's XML form of its JSON documents: an array becomes a root element holding one element per
 * item, an object's fields become child elements, and a nested list named in the plural holds
 * elements named in the singular ({@code formats/format}, {@code endpoints/endpoint}).
 */
final class Open311Xml {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private Open311Xml() {
    }

    /** {@code document} as XML under {@code root}; the items of an array are named {@code item}. */
    static String write(String root, String item, JsonNode document) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement(root);
            if (document.isArray()) {
                for (JsonNode each : document) {
                    element(xml, item, each);
                }
            } else {
                fields(xml, document);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing Open311 XML", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, JsonNode value) throws XMLStreamException {
        if (value.isNull()) {
            return;
        }
        xml.writeStartElement(name);
        if (value.isObject()) {
            fields(xml, value);
        } else if (value.isArray()) {
            String singular = name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
            for (JsonNode each : value) {
                element(xml, singular, each);
            }
        } else {
            xml.writeCharacters(value.asText());
        }
        xml.writeEndElement();
    }

    private static void fields(XMLStreamWriter xml, JsonNode object) throws XMLStreamException {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            element(xml, field.getKey(), field.getValue());
        }
    }
}
