/**
 * The playbook's actions: each looks at the lab, does what is missing, and checks its gate. The steps gather the
 * figures; the gates ({@code *Gate}) judge them without touching the lab, so unit tests drive them.
 */
@NullMarked
package dev.strangler.playbook.playbook.internal;

import org.jspecify.annotations.NullMarked;
