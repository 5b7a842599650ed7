package dev.strangler.legacy;

import java.util.List;
import org.jooq.DSLContext;

/** md5 over the text form of every row of every shop table, in id order. */
public final class DbChecksum {

    static final List<String> TABLES = List.of("customers", "products", "orders", "order_lines", "payments",
            "payment_events");

    private DbChecksum() {
    }

    public static String of(DSLContext db) {
        StringBuilder all = new StringBuilder();
        for (String table : TABLES) {
            all.append(table).append('=').append(of(db, table, "id")).append(';');
        }
        all.append("inventory=").append(of(db, "inventory", "product_id"));
        return all.toString();
    }

    /** The checksum of one table. */
    public static String of(DSLContext db, String table, String orderBy) {
        return String.valueOf(db.fetchValue("select coalesce(md5(string_agg(t::text, ',' order by " + orderBy
                + ")), 'empty') from " + table + " t"));
    }
}
