package org.ascolto.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;

import org.ascolto.localinfra.HostileInput;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ContactTextProperties {

    @Property(tries = 500)
    void cleaningTwiceIsCleaningOnce(@ForAll("hostileTexts") String text) {
        String once = ContactText.clean(text);
        assertEquals(once, ContactText.clean(once));
    }

    @Property(tries = 500)
    void cleanTextIsComposedWithoutControlOrBidirectionalCharacters(@ForAll("hostileTexts") String text) {
        String clean = ContactText.clean(text);
        assertTrue(Normalizer.isNormalized(clean, Normalizer.Form.NFC));
        assertTrue(clean.codePoints().allMatch(c -> c == '\n' || c == '\t' || (Character.getType(c) != Character.CONTROL
                && Character.getType(c) != Character.SURROGATE && !(c >= 0x202A && c <= 0x202E) && !(c >= 0x2066 && c <= 0x2069))),
                clean);
    }

    @Property(tries = 200)
    void ordinaryTextOnlyGetsComposed(@ForAll("ordinaryTexts") String text) {
        assertEquals(Normalizer.normalize(text, Normalizer.Form.NFC), ContactText.clean(text));
    }

    /** Found by the properties: a NUL between a letter and its accent left them apart once the NUL was gone. */
    @Example
    void aRemovedCharacterBetweenLetterAndAccentLeavesThemComposed() {
        assertEquals("\u00e9", ContactText.clean("e\u0000\u0301"));
    }

    @Provide
    Arbitrary<String> hostileTexts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("\u0000\u0001\r\n\t\u202e\u2066\ud800\udc00e\u0301\u0327A\u030a\u1100\u1161 ").ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.randomValue(HostileInput::text));
    }

    @Provide
    Arbitrary<String> ordinaryTexts() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars("àèéìòù ÀÈ\n\t\u0301\u0300.,!?\u20ac").ofMaxLength(60);
    }
}
