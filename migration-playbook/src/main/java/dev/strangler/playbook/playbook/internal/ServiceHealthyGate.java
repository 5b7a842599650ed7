package dev.strangler.playbook.playbook.internal;

/**
 * The gate of {@code service-healthy}: the service says it is ready, and answers a read of a row no one has with 404
 * (a problem), as the monolith does, rather than 500.
 */
final class ServiceHealthyGate {

    private ServiceHealthyGate() {
    }

    /**
     * @param readiness the status of its readiness probe
     * @param probed    whether the playbook has a read route to probe its API with
     * @param unknownRowStatus the status of that read (0 when not probed)
     */
    static Verdict judge(String service, String url, int readiness, boolean probed, int unknownRowStatus) {
        if (readiness != 200 || (probed && unknownRowStatus != 404)) {
            return Verdict.fail(service + " is not ready (readiness " + readiness + ", API " + unknownRowStatus + ")",
                    "./strangler status; ./strangler logs " + service);
        }
        return Verdict.pass(service + " ready at " + url);
    }
}
