/**
 * {@code strangler init}: a first extraction descriptor drafted from two live database schemas, the monolith's and
 * the service's. The drafting ({@link dev.strangler.playbook.init.InitDraft}) is a pure function of two schema
 * snapshots, so it is tested without a database; {@link dev.strangler.playbook.init.LiveSchemas} takes the snapshots.
 * What the schemas cannot decide is left as a TODO whose value does not validate, so a draft is never used by
 * accident.
 */
@NullMarked
package dev.strangler.playbook.init;

import org.jspecify.annotations.NullMarked;
