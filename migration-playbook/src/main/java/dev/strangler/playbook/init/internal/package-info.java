/**
 * How a draft is made: the guesses for one table pair ({@code PairDrafting}), and the YAML that carries them, with the
 * line of every TODO ({@code DescriptorWriter}).
 */
@NullMarked
package dev.strangler.playbook.init.internal;

import org.jspecify.annotations.NullMarked;
