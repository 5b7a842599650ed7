package dev.strangler.legacy;

import static dev.strangler.legacy.Fixtures.APPROVED;
import static dev.strangler.legacy.Fixtures.DECLINED;
import static dev.strangler.legacy.Fixtures.checkout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.legacy.payments.CardNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class NoCardNumberInLogsIT extends LabShopTest {

    private static final Pattern DIGIT_RUN = Pattern.compile("(?<!\\d)\\d{13,19}(?!\\d)");
    /**
     * The tracer's ids at the head of every line ({@code [traceId,spanId,...]}): random hex, and one in a few
     * thousand is a Luhn-valid run of digits. The tracer made them, so no PAN can be inside.
     */
    private static final Pattern TRACE_IDS = Pattern.compile("(?<=\\[)[0-9a-f]{32},[0-9a-f]{16}(?=,)");

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
        assertThat(luhnValidRuns(TRACE_IDS.matcher(output.getAll()).replaceAll("ids"))).isEmpty();
    }

    private static List<String> luhnValidRuns(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = DIGIT_RUN.matcher(text);
        while (m.find()) {
            if (CardNumber.isValid(m.group())) {
                found.add(m.group());
            }
        }
        return found;
    }
}
