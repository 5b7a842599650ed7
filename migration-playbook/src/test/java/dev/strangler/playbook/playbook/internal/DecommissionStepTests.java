package dev.strangler.playbook.playbook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.extraction.Extractions;
import dev.strangler.playbook.lab.MonolithBuild;
import dev.strangler.playbook.playbook.DecommissionSettings;
import dev.strangler.playbook.playbook.PlaybookDefinition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code decommission} takes from the extraction rather than from its settings: the columns it masks and the
 * row it reads back, as its plan says them, for the shop's payments and for an extraction without a card column.
 */
class DecommissionStepTests {

    private static final Path EXTRACTIONS = Path.of("..", "extractions");

    @Test
    void masksTheLegacyColumnsTheDescriptorTokenizes() {
        PlaybookDefinition payments = PlaybookDefinition.read(EXTRACTIONS.resolve("payments.yaml"));

        assertThat(DecommissionStep.cardColumns(payments.extraction()))
                .containsExactly(new DecommissionStep.CardColumn("payments", "card_number"));
    }

    @Test
    void plansTheShopsPaymentsFromTheirDescriptor() {
        PlaybookDefinition payments = PlaybookDefinition.read(EXTRACTIONS.resolve("payments.yaml"));
        PlaybookDefinition.StepDefinition step = payments.steps().getLast();

        assertThat(new DecommissionStep().plan(step, payments)).startsWith("Switch the monolith's payments seam to"
                + " remote (row payments.mode of shop_settings, no restart: its calls go to payment-service), then"
                + " redeploy it as its decommissioned build").contains("mask the card numbers left in"
                + " payments.card_number", "serves a row it had on /api/payments/<key>", "touching the payments"
                + " extraction's tables");
    }

    @Test
    void masksNothingWhereNoLegacyColumnIsTokenized() {
        PlaybookDefinition customers = PlaybookDefinition.read(EXTRACTIONS.resolve("customers.yaml"));
        PlaybookDefinition.StepDefinition step = new PlaybookDefinition.StepDefinition("decommission",
                "decommission", "decommission", new DecommissionSettings(new DecommissionSettings.Seam(
                        "shop_settings", "customers.mode", "remote", "in-process", "customers"),
                        MonolithBuild.DECOMMISSIONED));
        PlaybookDefinition withDecommission = new PlaybookDefinition(Extractions.read(
                EXTRACTIONS.resolve("customers.yaml")), customers.routes(), List.of(step));

        assertThat(DecommissionStep.cardColumns(customers.extraction())).isEmpty();
        assertThat(new DecommissionStep().plan(step, withDecommission)).contains("Switch the monolith's customers"
                + " seam to remote (row customers.mode of shop_settings, no restart: its calls go to"
                + " customer-service)", "mask nothing (no legacy column is tokenized)",
                "serves a row it had on /api/customers/<key>");
    }
}
