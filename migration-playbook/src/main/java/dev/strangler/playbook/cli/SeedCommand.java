package dev.strangler.playbook.cli;

import dev.strangler.playbook.lab.LabPorts;
import dev.strangler.playbook.lab.ShopSeeding;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "seed", description = "Replace the monolith's data with a deterministic seed: the same N gives the same rows.")
final class SeedCommand extends LabCommand implements Callable<Integer> {

    @Option(names = "--orders", required = true, paramLabel = "N", description = "How many orders (with customers, products and payments) to seed.")
    int orders;

    @Override
    public Integer call() {
        ContextChoice.labOnly(spec, "It replaces the lab shop's data with a generated seed; it never writes a"
                + " deployment's database.");
        long t0 = System.nanoTime();
        String counts = ShopSeeding.seed(lab().layout(), LabPorts.fromEnvironment(), orders);
        out().printf("Seeded in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, counts);
        return 0;
    }
}
