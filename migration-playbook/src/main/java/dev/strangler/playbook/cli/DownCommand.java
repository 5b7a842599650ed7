package dev.strangler.playbook.cli;

import dev.strangler.playbook.lab.Lab;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "down", description = "Stop every lab component. Data is kept for the next up.")
final class DownCommand extends LabCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        ContextChoice.labOnly(spec, "It stops the lab's processes on this machine; it never stops a deployment's.");
        Lab lab = lab();
        lab.down();
        boolean clean = lab.status().stream().allMatch(s -> s.pid().isEmpty()) && lab.leftovers().isEmpty();
        out().println(clean ? "The lab is down." : "Some processes are still running: see ./strangler status.");
        return clean ? 0 : 1;
    }
}
