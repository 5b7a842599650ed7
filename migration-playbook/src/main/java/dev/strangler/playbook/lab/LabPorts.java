package dev.strangler.playbook.lab;

/**
 * The lab's ports. The defaults are the documented ones; {@code STRANGLER_PORT_OFFSET} shifts all of them, so a
 * second lab (a test, a workshop neighbour's) can run beside the first.
 */
public record LabPorts(int offset) {

    public LabPorts {
        if (offset < 0 || offset > 40_000) {
            throw new IllegalArgumentException("STRANGLER_PORT_OFFSET must be between 0 and 40000, got " + offset);
        }
    }

    public static LabPorts fromEnvironment() {
        String value = System.getenv("STRANGLER_PORT_OFFSET");
        if (value == null || value.isBlank()) {
            return new LabPorts(0);
        }
        try {
            return new LabPorts(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("STRANGLER_PORT_OFFSET must be a number, got '" + value + "'");
        }
    }

    public int legacyDb() {
        return 15432 + offset;
    }

    public int paymentsDb() {
        return 15433 + offset;
    }

    /**
     * The customer service's PostgreSQL: its own server, not a database of the payment service's, so that the
     * customers' data stays out of the payments' (PCI) scope and the two services share no failure.
     */
    public int customersDb() {
        return 15434 + offset;
    }

    /**
     * The port of the lab's PostgreSQL server holding a database of the descriptors ({@code shop}, {@code payments},
     * {@code customers}): each lives on its own server in the lab.
     */
    public int database(String name) {
        return switch (name) {
            case "shop" -> legacyDb();
            case "payments" -> paymentsDb();
            case "customers" -> customersDb();
            default -> throw new IllegalArgumentException("the lab has no database '" + name
                    + "': it runs shop, payments and customers");
        };
    }

    public int kafka() {
        return 9092 + offset;
    }

    public int kafkaController() {
        return 9093 + offset;
    }

    public int schemaRegistry() {
        return 8085 + offset;
    }

    public int schemaRegistryManagement() {
        return 8086 + offset;
    }

    public int paymentGateway() {
        return 8089 + offset;
    }

    public int legacyMonolith() {
        return 8081 + offset;
    }

    /**
     * The monolith's second port: a redeploy (the playbook's decommission step) starts the new build here while the
     * old one still serves on the first, and the next redeploy goes back; {@link MonolithBuild.Deployment} says
     * which one the lab's monolith uses.
     */
    public int legacyMonolithAlternate() {
        return 8087 + offset;
    }

    public int paymentService() {
        return 8082 + offset;
    }

    public int customerService() {
        return 8084 + offset;
    }

    /** The CDC bridge's status, health and reconciliation API. */
    public int cdcBridge() {
        return 8083 + offset;
    }

    /** The proxy's data plane: where users and load generators send their requests. */
    public int proxy() {
        return 8080 + offset;
    }

    /** The proxy's admin API, dashboard and actuator. */
    public int proxyAdmin() {
        return 8090 + offset;
    }

    /** Prometheus, when the lab runs one ({@code up --with-prometheus}). */
    public int prometheus() {
        return 9090 + offset;
    }

    /** Zipkin: the lab's trace backend (UI and span collector). */
    public int zipkin() {
        return 9411 + offset;
    }
}
