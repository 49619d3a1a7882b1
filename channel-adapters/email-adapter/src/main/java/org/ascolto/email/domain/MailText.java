package org.ascolto.email.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The words of a citizen's email: an HTML body as plain text, and the quoted history of earlier messages (a reply's
 * "Il giorno ... ha scritto:" and what follows, {@code >} lines, a signature) cut off, so a case shows what is new.
 */
public final class MailText {

    /** Elements that start a line of their own when HTML is read as text. */
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "table", "ul", "ol", "hr");
    /** What mail programs wrap a quoted message in: Gmail, Thunderbird, Outlook, Apple Mail, Yahoo. */
    private static final String QUOTED_HTML = "blockquote, .gmail_quote, .moz-cite-prefix, #divRplyFwdMsg, #appendonsend,"
            + " .yahoo_quoted, #mail-editor-reference-message-container";
    /** The line that introduces a quoted message, in the city's languages; Gmail may wrap it over two lines. */
    private static final List<Pattern> ATTRIBUTIONS = List.of(
            Pattern.compile("^(On|Il|Le|El|Am|Em|În|Pe) .{0,300}(wrote|ha scritto|a écrit|escribió|schrieb|escreveu|a scris)\\s*:\\s*$",
                    Pattern.CASE_INSENSITIVE),
            Pattern.compile("^-{2,}\\s*(Original Message|Messaggio originale|Message d'origine|Mensaje original|Forwarded message"
                    + "|Messaggio inoltrato)\\s*-{2,}\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^_{20,}\\s*$"));
    private static final String SIGNATURE = "-- ";
    /** Longer lines are text, not an attribution: and the patterns never run over a hostile megabyte line. */
    private static final int MAX_ATTRIBUTION = 600;

    private MailText() {
    }

    /** The visible text of an HTML body, quoted messages left out, one line per block. */
    public static String fromHtml(String html) {
        Document document = Jsoup.parse(html);
        document.select("script, style, head, title, " + QUOTED_HTML).remove();
        StringBuilder text = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    text.append(textNode.text());
                } else if (node instanceof Element element && BLOCKS.contains(element.normalName()) && !text.isEmpty()
                        && text.charAt(text.length() - 1) != '\n') {
                    text.append('\n');
                }
            }
        }, document.body() == null ? document : document.body());
        return text.toString().replace('\u00a0', ' ').strip();
    }

    /** The text without the quoted history and signature below it; the whole text when nothing of it would be left. */
    public static String withoutQuotedHistory(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        int end = quotedTail(lines);
        for (int i = 0; i < end; i++) {
            String line = lines[i].strip();
            if (lines[i].equals(SIGNATURE) || attribution(line) || i + 1 < lines.length && attribution(line + " " + lines[i + 1].strip())) {
                end = i;
            }
        }
        String kept = String.join("\n", Arrays.copyOf(lines, end)).strip();
        return kept.isEmpty() ? text.strip() : kept;
    }

    private static boolean attribution(String line) {
        return line.length() <= MAX_ATTRIBUTION && ATTRIBUTIONS.stream().anyMatch(pattern -> pattern.matcher(line).matches());
    }

    /** Where the block of {@code >} lines that runs to the end begins (blank lines within it allowed); the end when there is none. */
    private static int quotedTail(String[] lines) {
        int tail = lines.length;
        for (int i = lines.length - 1; i >= 0 && (lines[i].isBlank() || lines[i].startsWith(">")); i--) {
            if (lines[i].startsWith(">")) {
                tail = i;
            }
        }
        return tail;
    }
}
