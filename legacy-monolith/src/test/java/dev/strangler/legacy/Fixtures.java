package dev.strangler.legacy;

import static dev.strangler.legacy.db.Tables.INVENTORY;
import static dev.strangler.legacy.db.Tables.PRODUCTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.UUID;
import org.jooq.DSLContext;

/** Test data: products straight into the catalog tables (there is no product API), customers through the API. */
public final class Fixtures {

    /** Card-network test PANs, as the fake PSP knows them. */
    public static final String APPROVED = "4242424242424242";
    public static final String DECLINED = "4000000000000002";
    public static final String GATEWAY_ERROR = "4000000000000119";
    public static final String TIMEOUT = "4000000000000259";

    private final DSLContext db;
    private final Api api;

    public Fixtures(DSLContext db, Api api) {
        this.db = db;
        this.api = api;
    }

    /** A new product with {@code stock} units at {@code price}; returns its id. */
    public long product(String price, int stock) {
        long id = db.insertInto(PRODUCTS)
                .set(PRODUCTS.SKU, "T-" + UUID.randomUUID().toString().substring(0, 12))
                .set(PRODUCTS.NAME, "Test product")
                .set(PRODUCTS.PRICE, new BigDecimal(price))
                .set(PRODUCTS.CURRENCY, "EUR")
                .returning(PRODUCTS.ID)
                .fetchSingle(PRODUCTS.ID);
        db.insertInto(INVENTORY).set(INVENTORY.PRODUCT_ID, id).set(INVENTORY.STOCK, stock).execute();
        return id;
    }

    public int stock(long productId) {
        return db.fetchValue(INVENTORY.STOCK, INVENTORY.PRODUCT_ID.eq(productId));
    }

    /** A new customer registered through the API; returns its id. */
    public long customer() {
        String email = "c-" + UUID.randomUUID() + "@example.test";
        Api.Reply reply = api.post("/api/customers", "{\"email\":\"" + email + "\",\"name\":\"Test Customer\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.id();
    }

    /** A checkout body for one product. */
    public static String checkout(long customerId, long productId, int quantity, String cardNumber) {
        return "{\"customerId\":" + customerId + ",\"items\":[{\"productId\":" + productId + ",\"quantity\":"
                + quantity + "}]" + (cardNumber == null ? "" : ",\"cardNumber\":\"" + cardNumber + "\"") + "}";
    }

    /** An order awaiting payment, total {@code price}; returns its id. */
    public long unpaidOrder(String price) {
        long product = product(price, 10);
        Api.Reply reply = api.post("/api/orders", checkout(customer(), product, 1, null));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.id();
    }

    /** An authorized payment of {@code price}; returns the payment id. */
    public long authorizedPayment(String price) {
        long order = unpaidOrder(price);
        Api.Reply reply = api.post("/api/payments", "{\"orderId\":" + order + ",\"cardNumber\":\"" + APPROVED + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.id();
    }
}
