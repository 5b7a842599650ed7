package dev.strangler.legacy.seed.internal;

import static dev.strangler.legacy.db.Tables.CUSTOMERS;
import static dev.strangler.legacy.db.Tables.INVENTORY;
import static dev.strangler.legacy.db.Tables.ORDERS;
import static dev.strangler.legacy.db.Tables.ORDER_LINES;
import static dev.strangler.legacy.db.Tables.PAYMENTS;
import static dev.strangler.legacy.db.Tables.PAYMENT_EVENTS;
import static dev.strangler.legacy.db.Tables.PRODUCTS;

import dev.strangler.legacy.seed.SeedResult;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jooq.DSLContext;
import org.jooq.Row;
import org.jooq.RowN;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Wipes the shop and writes N orders with their customers, products, stock, lines, payments and payment events.
 * Deterministic: a fixed-seed random and timestamps computed from the row index, never {@code now()}.
 */
@Service
public class ShopSeeder {

    private static final Logger log = LoggerFactory.getLogger(ShopSeeder.class);

    static final long RANDOM_SEED = 20_250_101L;
    static final int PRODUCTS_COUNT = 200;
    static final int CHUNK = 1000;
    static final OffsetDateTime EPOCH = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /** Card-network test PANs only: never a real card. */
    static final List<String> TEST_PANS = List.of(
            "4242424242424242", "5555555555554444", "4000056655665556", "5200828282828210",
            "378282246310005", "6011111111111117", "3566002020360505", "4111111111111111");

    private static final String[] ADJECTIVES = {"Classic", "Compact", "Deluxe", "Eco", "Heavy-duty", "Mini",
        "Pro", "Rustic", "Smart", "Vintage"};
    private static final String[] NOUNS = {"Backpack", "Bottle", "Chair", "Desk Lamp", "Headphones", "Kettle",
        "Mug", "Notebook", "Pan", "Pen Set", "Scarf", "Speaker", "Teapot", "Umbrella", "Wallet", "Watch",
        "Blanket", "Candle", "Clock", "Frame"};
    private static final String[] FIRST = {"Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Greta", "Hugo",
        "Ines", "Jonas", "Kira", "Luis", "Mara", "Nils", "Olga", "Pavel", "Rosa", "Sami", "Tara", "Yusuf"};
    private static final String[] LAST = {"Andersen", "Bianchi", "Costa", "Dubois", "Eriksen", "Fischer",
        "Garcia", "Horvat", "Ivanova", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov"};

    private final DSLContext db;

    ShopSeeder(DSLContext db) {
        this.db = db;
    }

    public boolean hasOrders() {
        return db.fetchExists(ORDERS);
    }

    /** Replaces all shop data with the seed for {@code orders} orders. */
    @Transactional
    public SeedResult seed(int orders) {
        long started = System.nanoTime();
        db.execute("truncate table checkout_sagas, payment_events, payments, order_lines, orders, inventory, products,"
                + " customers restart identity");
        SplittableRandom random = new SplittableRandom(RANDOM_SEED);
        int customers = Math.max(10, orders / 10);

        Chunked customerRows = new Chunked(db, CUSTOMERS, null);
        for (int i = 1; i <= customers; i++) {
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            customerRows.add(DSL.row(DSL.val((long) i), DSL.val(String.format("customer%05d@example.test", i)),
                    DSL.val(first + " " + last), DSL.val(EPOCH.minusDays(400).plusHours(i))));
        }
        customerRows.flush();

        BigDecimal[] prices = new BigDecimal[PRODUCTS_COUNT + 1];
        Chunked productRows = new Chunked(db, PRODUCTS, null);
        Chunked stockRows = new Chunked(db, INVENTORY, productRows);
        for (int p = 1; p <= PRODUCTS_COUNT; p++) {
            prices[p] = BigDecimal.valueOf(200 + random.nextInt(24_800), 2);
            String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + NOUNS[random.nextInt(NOUNS.length)];
            productRows.add(DSL.row(DSL.val((long) p), DSL.val(String.format("SKU-%05d", p)), DSL.val(name),
                    DSL.val(prices[p]), DSL.val("EUR"), DSL.val(EPOCH.minusDays(500).plusMinutes(p))));
            stockRows.add(DSL.row(DSL.val((long) p), DSL.val(50 + random.nextInt(950)),
                    DSL.val(EPOCH.minusDays(1))));
        }
        productRows.flush();
        stockRows.flush();

        Chunked orderRows = new Chunked(db, ORDERS, null);
        Chunked lineRows = new Chunked(db, ORDER_LINES, orderRows);
        Chunked paymentRows = new Chunked(db, PAYMENTS, orderRows);
        Chunked eventRows = new Chunked(db, PAYMENT_EVENTS, paymentRows);
        long lineId = 0;
        long paymentId = 0;
        long eventId = 0;
        for (int o = 1; o <= orders; o++) {
            OffsetDateTime created = EPOCH.plusMinutes(7L * o).plusSeconds((o * 37L) % 60);
            long customer = 1 + random.nextInt(customers);
            int lines = 1 + random.nextInt(4);
            int firstProduct = 1 + random.nextInt(PRODUCTS_COUNT);
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            List<Row> orderLines = new ArrayList<>(lines);
            for (int l = 0; l < lines; l++) {
                int product = 1 + (firstProduct - 1 + l * 17) % PRODUCTS_COUNT;
                int quantity = 1 + random.nextInt(3);
                BigDecimal lineTotal = prices[product].multiply(BigDecimal.valueOf(quantity));
                total = total.add(lineTotal);
                orderLines.add(DSL.row(DSL.val(++lineId), DSL.val((long) o), DSL.val((long) product),
                        DSL.val(quantity), DSL.val(prices[product]), DSL.val(lineTotal)));
            }
            int roll = random.nextInt(100);
            String pan = TEST_PANS.get(random.nextInt(TEST_PANS.size()));
            String orderStatus;
            String paymentStatus;
            BigDecimal captured = BigDecimal.ZERO.setScale(2);
            BigDecimal refunded = BigDecimal.ZERO.setScale(2);
            if (roll < 10) {
                orderStatus = "AWPY";
                paymentStatus = null;
            } else if (roll < 12) {
                // the shop stored declines until it learned not to: old rows keep them
                orderStatus = "AWPY";
                paymentStatus = "DECL";
            } else if (roll < 15) {
                orderStatus = "CANC";
                paymentStatus = "VOID";
            } else if (roll < 32) {
                orderStatus = "PAID";
                paymentStatus = "AUTH";
            } else if (roll < 82) {
                orderStatus = "PAID";
                paymentStatus = "CAPT";
                captured = total;
            } else if (roll < 92) {
                orderStatus = "PAID";
                paymentStatus = "PRFD";
                captured = total;
                refunded = total.divide(BigDecimal.valueOf(2), java.math.RoundingMode.DOWN).setScale(2);
                if (refunded.signum() == 0 || refunded.compareTo(total) == 0) {
                    paymentStatus = "CAPT";
                    refunded = BigDecimal.ZERO.setScale(2);
                }
            } else {
                orderStatus = "PAID";
                paymentStatus = "RFND";
                captured = total;
                refunded = total;
            }
            OffsetDateTime updated = paymentStatus == null || "AUTH".equals(paymentStatus) || "DECL".equals(paymentStatus)
                    ? created.plusSeconds(30) : created.plusHours(2);
            orderRows.add(DSL.row(DSL.val((long) o), DSL.val(customer), DSL.val(orderStatus), DSL.val(total),
                    DSL.val("EUR"), DSL.val(created), DSL.val(updated)));
            orderLines.forEach(lineRows::add);
            if (paymentStatus != null) {
                long id = ++paymentId;
                OffsetDateTime paid = created.plusSeconds(30);
                // TANGLE(step-7): the seeder writes payment rows, raw card numbers included, straight into the
                // shared schema; after the extraction the seed must go through the payment service or CDC.
                paymentRows.add(DSL.row(DSL.val(id), DSL.val((long) o), DSL.val(total), DSL.val("EUR"),
                        DSL.val(paymentStatus), DSL.val(captured), DSL.val(refunded),
                        DSL.val(String.format("auth_seed_%08d", id)), DSL.val(pan), DSL.val(paid), DSL.val(updated)));
                eventRows.add(event(++eventId, id, "DECL".equals(paymentStatus) ? "DECLINED" : "AUTHORIZED", total,
                        paid));
                if (captured.signum() > 0) {
                    eventRows.add(event(++eventId, id, "CAPTURED", captured, created.plusHours(1)));
                }
                if (refunded.signum() > 0) {
                    eventRows.add(event(++eventId, id, "REFUNDED", refunded, updated));
                }
                if ("VOID".equals(paymentStatus)) {
                    eventRows.add(event(++eventId, id, "VOIDED", null, updated));
                }
            }
        }
        orderRows.flush();
        lineRows.flush();
        paymentRows.flush();
        eventRows.flush();

        for (Table<?> table : List.of(CUSTOMERS, PRODUCTS, ORDERS, ORDER_LINES, PAYMENTS, PAYMENT_EVENTS)) {
            // explicit ids bypassed the sequences: move them past the seeded rows so new rows get fresh ids
            db.execute("select setval(pg_get_serial_sequence('" + table.getName() + "', 'id'),"
                    + " coalesce((select max(id) from " + table.getName() + "), 0) + 1, false)");
        }
        SeedResult result = new SeedResult(customers, PRODUCTS_COUNT, orders, lineId, paymentId, eventId);
        log.info("Seeded {} orders, {} payments, {} customers in {} ms", orders, paymentId, customers,
                (System.nanoTime() - started) / 1_000_000);
        return result;
    }

    private static Row event(long id, long paymentId, String type, BigDecimal amount, OffsetDateTime at) {
        return DSL.row(DSL.val(id), DSL.val(paymentId), DSL.val(type), DSL.val(amount, BigDecimal.class),
                DSL.val((String) null, String.class), DSL.val(at));
    }

    /**
     * Collects rows for one table and writes them in multi-row inserts of {@link #CHUNK}; the rows of the table it
     * references (its parent) are written first, so that foreign keys always find their row.
     */
    private static final class Chunked {

        private final DSLContext db;
        private final Table<?> table;
        private final @Nullable Chunked parent;
        private final List<Row> rows = new ArrayList<>(CHUNK);

        Chunked(DSLContext db, Table<?> table, @Nullable Chunked parent) {
            this.db = db;
            this.table = table;
            this.parent = parent;
        }

        void add(Row row) {
            rows.add(row);
            if (rows.size() == CHUNK) {
                flush();
            }
        }

        void flush() {
            if (parent != null) {
                parent.flush();
            }
            if (rows.isEmpty()) {
                return;
            }
            List<RowN> chunk = rows.stream().map(r -> DSL.row(r.fields())).toList();
            // the first columns, in table order: columns added later for other tools (the CDC origin marker) are
            // left to their defaults
            db.insertInto(table, Arrays.copyOf(table.fields(), chunk.getFirst().size())).valuesOfRows(chunk)
                    .execute();
            rows.clear();
        }
    }
}
