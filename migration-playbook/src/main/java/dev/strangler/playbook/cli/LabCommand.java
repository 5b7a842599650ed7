package dev.strangler.playbook.cli;

import dev.strangler.playbook.lab.Lab;
import dev.strangler.playbook.lab.LabComponents;
import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.LabPorts;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every lab command shares: the lab of this repository, printing to the command's output. */
abstract class LabCommand {

    @Spec
    CommandSpec spec;

    Lab lab() {
        LabLayout layout = LabLayout.fromEnvironment();
        return new Lab(layout, LabComponents.standard(layout, LabPorts.fromEnvironment()), out());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
