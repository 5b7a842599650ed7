package dev.strangler.playbook.cli;

import dev.strangler.playbook.lab.LabLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shows the proxy's admin token, which the proxy writes into the lab directory (owner-only) on its first start. */
final class ProxyToken {

    private ProxyToken() {
    }

    static Path file(LabLayout layout) {
        return dev.strangler.playbook.lab.LabComponents.proxyTokenFile(layout);
    }

    static void print(LabLayout layout, PrintWriter out) {
        Path file = file(layout);
        if (!Files.isReadable(file)) {
            return;
        }
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            out.printf("Proxy admin token: %s  (in %s; send it as 'Authorization: Bearer <token>')%n", token, file);
            out.flush();
        } catch (IOException e) {
            out.printf("Proxy admin token: cannot read %s (%s)%n", file, e.getMessage());
        }
    }
}
