package org.ascolto.contracts;

import java.util.regex.Pattern;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * The schemas' patterns on Java's regular expressions, with ECMA-262's {@code $}, as JSON Schema means it: the end of
 * the value. Java's {@code $} also matches before a final line break, so {@code ^[a-z]{2,3}$} took "it\n" for a
 * language; each {@code $} that is an anchor (not escaped, not in a character class) is read as {@code \z}.
 */
final class EcmaEndAnchors implements RegularExpressionFactory {

    static final EcmaEndAnchors INSTANCE = new EcmaEndAnchors();

    private EcmaEndAnchors() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(endOfValue(regex));
        return value -> pattern.matcher(value).find();
    }

    static String endOfValue(String regex) {
        StringBuilder java = new StringBuilder(regex.length() + 4);
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                java.append(c).append(regex.charAt(++i));
            } else if (c == '$' && !inClass) {
                java.append("\\z");
            } else {
                inClass = c == '[' || inClass && c != ']';
                java.append(c);
            }
        }
        return java.toString();
    }
}
