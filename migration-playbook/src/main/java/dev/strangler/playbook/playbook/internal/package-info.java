/** The playbook's actions: each looks at the lab, does what is missing, and checks its gate. */
@NullMarked
package dev.strangler.playbook.playbook.internal;

import org.jspecify.annotations.NullMarked;
