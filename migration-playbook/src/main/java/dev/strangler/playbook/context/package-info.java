/**
 * Contexts, as kubectl's: which deployment {@code route}, {@code reconcile}, {@code traffic} and {@code pci-scope}
 * work against. The lab is the context {@code lab}, always there and the default; others are named in a YAML file
 * ({@code ~/.config/strangler/contexts.yaml}), which is read strictly: an unknown key, a token or password written
 * into the file, a value of the wrong shape refuse the file, each problem named with the file, the context and the
 * field, before any command reaches a deployment. A context names only where things are and where their secrets are
 * kept (a file, an environment variable): the secrets are read when a command needs them, never printed.
 */
@NullMarked
package dev.strangler.playbook.context;

import org.jspecify.annotations.NullMarked;
