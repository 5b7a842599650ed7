package dev.strangler.cdc;

import dev.strangler.cdc.translate.CardNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Luhn-valid runs of 13-19 digits that start like a card network's number (3, 4, 5 or 6): what a PCI scan
 * looks for. The prefix rule keeps epoch timestamps (which start with 1) from being reported.
 */
final class Pans {

    private static final Pattern DIGITS = Pattern.compile("(?<![0-9])[3-6][0-9]{12,18}(?![0-9])");

    private Pans() {
    }

    static List<String> in(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = DIGITS.matcher(text);
        while (m.find()) {
            if (CardNumber.isValid(m.group())) {
                found.add(m.group());
            }
        }
        return found;
    }
}
