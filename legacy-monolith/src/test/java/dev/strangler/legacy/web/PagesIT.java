package dev.strangler.legacy.web;

import static dev.strangler.legacy.Fixtures.APPROVED;
import static dev.strangler.legacy.Fixtures.DECLINED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.legacy.Api;
import dev.strangler.legacy.LabShopTest;
import org.junit.jupiter.api.Test;

class PagesIT extends LabShopTest {

    @Test
    void shopPageListsProductsAndTheCheckoutForm() {
        fixtures.product("19.99", 7);
        fixtures.customer();
        String firstProduct = api.get("/api/products?size=1").json().get("items").get(0).get("name").asString();
        String firstCustomer = api.get("/api/customers?size=1").json().get("items").get(0).get("name").asString();

        Api.Reply page = api.browser("GET", "/", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<form method=\"post\" action=\"/checkout\"", firstProduct, firstCustomer);
    }

    @Test
    void checkoutFormRedirectsToTheOrderPage() {
        long customer = fixtures.customer();
        long product = fixtures.product("19.99", 7);

        Api.Reply posted = api.browser("POST", "/checkout",
                "customerId=" + customer + "&productId=" + product + "&quantity=2&cardNumber=4242+4242+4242+4242");

        assertThat(posted.status()).isEqualTo(302);
        assertThat(posted.location()).matches(".*/orders/\\d+");
        Api.Reply order = api.browser("GET", posted.location().replaceFirst("^https?://[^/]+", ""), null);
        assertThat(order.status()).isEqualTo(200);
        assertThat(order.body()).contains("PAID", "39.98 EUR", "AUTHORIZED", "4242").doesNotContain(APPROVED);
    }

    @Test
    void declinedCardShowsAClearMessageOnTheShopPage() {
        long customer = fixtures.customer();
        long product = fixtures.product("19.99", 7);
        String before = checksum();

        Api.Reply page = api.browser("POST", "/checkout",
                "customerId=" + customer + "&productId=" + product + "&quantity=1&cardNumber=" + DECLINED);

        assertThat(page.status()).isEqualTo(402);
        java.util.regex.Matcher error = java.util.regex.Pattern.compile("<p class=\"error\"[^>]*>([^<]*)</p>")
                .matcher(page.body());
        assertThat(error.find()).isTrue();
        assertThat(error.group(1)).contains("declined the card").doesNotContain(DECLINED);
        assertThat(checksum()).isEqualTo(before);
    }

    @Test
    void invalidFormInputShowsAMessage() {
        Api.Reply page = api.browser("POST", "/checkout", "customerId=x&productId=&quantity=-3");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("Pick a customer");
    }

    @Test
    void paymentPageShowsStatusAndLastFourDigitsOnly() {
        long payment = fixtures.authorizedPayment("8.00");

        Api.Reply page = api.browser("GET", "/payments/" + payment, null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("AUTHORIZED", "8.00 EUR", "**** 4242").doesNotContain(APPROVED);
    }

    @Test
    void unknownOrderPageIs404() {
        assertThat(api.browser("GET", "/orders/99999999", null).status()).isEqualTo(404);
        assertThat(api.browser("GET", "/payments/nope", null).status()).isEqualTo(404);
    }
}
