/** The data plane: a Vert.x HTTP reverse proxy on its own port, one verticle per core, reading the route table per request. */
@NullMarked
package dev.strangler.proxy.forward;

import org.jspecify.annotations.NullMarked;
