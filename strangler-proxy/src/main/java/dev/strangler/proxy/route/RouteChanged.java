package dev.strangler.proxy.route;

/** Published (as a Spring event) after the table changed, locally or through another replica. */
public record RouteChanged(RouteTableDocument table, boolean local) {
}
