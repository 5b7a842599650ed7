package dev.strangler.playbook.init.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Names as the descriptor takes them, and the guesses made from a column's name. */
final class Names {

    /** A column or table the descriptor can name ({@code sqlName} of the schema, without a schema part). */
    static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_$]{0,62}");
    /** An id of the schema: route ids, services, databases. */
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,59}");
    /** A table pair's name. */
    static final Pattern PAIR = Pattern.compile("[a-z][a-z0-9_-]*");
    /** A field's name. */
    static final Pattern FIELD = Pattern.compile("[a-z][A-Za-z0-9]{0,59}");

    private static final Pattern CARD = Pattern.compile("(^|_)(card_?number|cc_?number|pan)($|_)");

    private Names() {
    }

    /** {@code owner_name} -> {@code ownerName}. */
    static String camel(String snake) {
        StringBuilder s = new StringBuilder();
        boolean up = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_' || ch == '-') {
                up = !s.isEmpty();
            } else {
                s.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return s.toString();
    }

    /** {@code ownerName} -> {@code owner_name}. */
    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Whether a column's name says it holds card numbers: {@code card_number}, {@code pan}, {@code cc_number}. */
    static boolean isCardNumber(String column) {
        return CARD.matcher(snake(column)).find();
    }

    /** A card-number column's field: {@code card_number} -> {@code card} (cardToken, cardLast4, cardBrand). */
    static String cardField(String column) {
        String name = camel(snake(column).replaceFirst("_?number$", ""));
        return name.isEmpty() ? "card" : name;
    }
}
