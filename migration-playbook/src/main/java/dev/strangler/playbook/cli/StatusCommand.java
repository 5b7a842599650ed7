package dev.strangler.playbook.cli;

import dev.strangler.playbook.lab.ComponentStatus;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "status", description = "Show each component: pid, port, health, uptime, memory. Exits 1 unless all are healthy.")
final class StatusCommand extends LabCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        ContextChoice.labOnly(spec, "It reads the lab's pid files and health on this machine; for a deployment, ask"
                + " its components' health endpoints (/actuator/health/readiness) or its monitoring.");
        dev.strangler.playbook.lab.Lab lab = lab();
        List<ComponentStatus> status = lab.status();
        StatusTable.print(status, lab.layout(), out());
        ProxyToken.print(lab.layout(), out());
        boolean allHealthy = status.stream().allMatch(s -> s.state() == ComponentStatus.State.HEALTHY);
        return allHealthy ? 0 : 1;
    }
}
