package dev.strangler.cdc;

import dev.strangler.lab.pan.CardNumberScanner;
import java.util.List;

/**
 * The card numbers in a text, as the lab's PCI scan counts them (lab-infra's {@link CardNumberScanner}: Luhn-valid
 * runs that start like a card network's number, trace and span ids told apart).
 */
final class Pans {

    private Pans() {
    }

    static List<String> in(String text) {
        return CardNumberScanner.find(text).stream().map(m -> text.substring(m.start(), m.end())).toList();
    }
}
