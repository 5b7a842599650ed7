package dev.strangler.playbook.lab;

import java.util.Optional;

/** Starts, finds and stops one component's process. */
public interface Launcher {

    /** Starts the process; returns once it is started (not necessarily healthy). */
    void start();

    /** The component's live process, if one runs (identified by pid file and command line, never by name). */
    Optional<ProcessHandle> running();

    /** Stops the process gracefully; true when nothing of it runs afterwards. */
    boolean stop();
}
