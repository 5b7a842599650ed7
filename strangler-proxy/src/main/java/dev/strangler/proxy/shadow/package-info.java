/** Shadow traffic: mirror requests to the extracted service after legacy answered, compare the answers with per-route noise rules, keep diff rates and redacted samples. */
@NullMarked
package dev.strangler.proxy.shadow;

import org.jspecify.annotations.NullMarked;
