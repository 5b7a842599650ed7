package dev.strangler.legacy;

import static dev.strangler.legacy.Fixtures.APPROVED;
import static dev.strangler.legacy.Fixtures.DECLINED;
import static dev.strangler.legacy.Fixtures.checkout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.pan.CardNumberScanner;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class NoCardNumberInLogsIT extends LabShopTest {

    @Test
    void fullCheckoutCaptureRefundAndErrorsLogNoCardNumber(CapturedOutput output) {
        long customer = fixtures.customer();
        long product = fixtures.product("15.00", 10);

        Api.Reply order = api.post("/api/orders", checkout(customer, product, 2, APPROVED));
        long payment = order.json().get("payment").get("id").asLong();
        api.post("/api/payments/" + payment + "/capture", null);
        api.post("/api/payments/" + payment + "/refund", "{\"amount\":\"5.00\"}");
        api.post("/api/orders", checkout(customer, product, 1, DECLINED));
        api.post("/api/orders", checkout(customer, product, 1, "4242424242424241"));
        api.post("/api/payments", "{\"orderId\":\"x\",\"cardNumber\":\"" + APPROVED + "\"}");
        api.browser("POST", "/checkout", "customerId=" + customer + "&productId=" + product
                + "&quantity=1&cardNumber=" + APPROVED);

        assertThat(order.status()).isEqualTo(201);
        assertThat(output.getAll()).contains("Order " + order.id() + " placed");
        assertThat(luhnValidRuns(output.getAll())).isEmpty();
    }

    /** What the lab's PCI evidence would count as card numbers (trace and span ids are told apart). */
    private static List<String> luhnValidRuns(String text) {
        return CardNumberScanner.find(text).stream().map(CardNumberScanner.Match::masked).toList();
    }
}
