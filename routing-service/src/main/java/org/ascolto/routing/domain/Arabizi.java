package org.ascolto.routing.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Arabizi, Arabic written in Latin letters with digits for the sounds Latin lacks (3 for ع, 7 for ح), brought to the
 * same terms as Arabic script. Writers of either spell vowels their own way: Arabic script leaves short vowels out,
 * Arabizi writes them as it hears them ("mochkila", "mouchkil" for مشكلة). So both meet on a word's consonant skeleton:
 * a Latin word is read into Arabic consonants (digits and letter pairs as their letters, a first vowel as an alif so that
 * "el" is the article, a last a as the ta marbuta, no other vowel, a doubled consonant once), Lucene's Arabic analysis
 * normalises and stems it as it does Arabic script, and the stem without its long vowels and hamzas is the skeleton:
 * "mochkila" and مشكلة both give مشكل. The skeletons are features only; no one is shown them.
 */
final class Arabizi {

    /** A word of Latin letters and digits with at least one letter. */
    private static final Pattern LATIN_WORD = Pattern.compile("[\\p{IsLatin}0-9']*\\p{IsLatin}[\\p{IsLatin}0-9']*");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** What the skeleton leaves out: the long vowels, alif maqsura and the hamza's forms. */
    private static final Pattern VOWEL_LETTERS = Pattern.compile("[اأإآىوؤيئء]");
    private static final String VOWELS = "aeiouy";
    private static final Map<String, Character> PAIRS = Map.of("sh", 'ش', "ch", 'ش', "kh", 'خ', "gh", 'غ', "th", 'ث',
            "dh", 'ذ', "3'", 'غ', "7'", 'خ');
    private static final Map<Character, Character> LETTERS = Map.ofEntries(
            Map.entry('2', 'ء'), Map.entry('3', 'ع'), Map.entry('5', 'خ'), Map.entry('6', 'ط'), Map.entry('7', 'ح'),
            Map.entry('8', 'ق'), Map.entry('9', 'ق'), Map.entry('b', 'ب'), Map.entry('p', 'ب'), Map.entry('t', 'ت'),
            Map.entry('j', 'ج'), Map.entry('g', 'ج'), Map.entry('d', 'د'), Map.entry('r', 'ر'), Map.entry('z', 'ز'),
            Map.entry('s', 'س'), Map.entry('c', 'ك'), Map.entry('f', 'ف'), Map.entry('v', 'ف'), Map.entry('q', 'ق'),
            Map.entry('k', 'ك'), Map.entry('l', 'ل'), Map.entry('m', 'م'), Map.entry('n', 'ن'), Map.entry('h', 'ه'),
            Map.entry('w', 'و'), Map.entry('x', 'ش'));

    private Arabizi() {
    }

    /** The message's Latin-letter words in Arabic consonants, separated by spaces; empty when it has none. */
    static String inArabicScript(String text) {
        StringBuilder words = new StringBuilder();
        Matcher word = LATIN_WORD.matcher(text);
        while (word.find()) {
            String arabic = word(word.group());
            if (!arabic.isEmpty()) {
                words.append(words.isEmpty() ? "" : " ").append(arabic);
            }
        }
        return words.toString();
    }

    /** One Latin-letter word in Arabic consonants. */
    static String word(String latin) {
        String w = MARKS.matcher(Normalizer.normalize(latin.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)).replaceAll("");
        StringBuilder arabic = new StringBuilder();
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            Character pair = i + 1 < w.length() ? PAIRS.get(w.substring(i, i + 2)) : null;
            Character letter;
            if (pair != null) {
                letter = pair;
                i++;
            } else if (VOWELS.indexOf(c) >= 0) {
                letter = i == 0 ? Character.valueOf('ا') : c == 'a' && i == w.length() - 1 ? Character.valueOf('ة') : null;
            } else {
                letter = LETTERS.get(c);
            }
            if (letter != null && (arabic.isEmpty() || arabic.charAt(arabic.length() - 1) != letter)) {
                arabic.append(letter);
            }
        }
        return arabic.toString();
    }

    /** An analysed Arabic term without its long vowels and hamzas. */
    static String skeleton(String term) {
        return VOWEL_LETTERS.matcher(term).replaceAll("");
    }
}
