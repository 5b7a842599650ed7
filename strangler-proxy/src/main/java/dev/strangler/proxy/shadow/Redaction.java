package dev.strangler.proxy.shadow;

import dev.strangler.support.card.PanCheck;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes card numbers and secrets out of text the proxy keeps or logs: Luhn-valid runs of 13-19 digits (spaces or
 * dashes allowed between groups) become {@code ****<last four>}, and the values of token-like JSON fields and
 * query parameters become {@code ***}.
 */
public final class Redaction {

    private static final Pattern DIGITS = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(\"(?:[A-Za-z_]*(?:token|secret|password|cvc|cvv|authorization)[A-Za-z_]*)\"\\s*:\\s*)\"[^\"]*\"",
            Pattern.CASE_INSENSITIVE);

    private Redaction() {
    }

    /** {@code text} with card numbers masked and secret JSON field values replaced. */
    public static String redact(String text) {
        Matcher m = DIGITS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            m.appendReplacement(out, PanCheck.luhn(digits) ? "****" + digits.substring(digits.length() - 4) : m.group());
        }
        m.appendTail(out);
        return SECRET_FIELD.matcher(out.toString()).replaceAll("$1\"***\"");
    }

    /** A query string with every value replaced, so access logs keep the parameter names only. */
    public static String maskQuery(String query) {
        return query.replaceAll("=[^&]*", "=***");
    }

}
