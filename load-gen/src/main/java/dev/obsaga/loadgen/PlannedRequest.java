package dev.obsaga.loadgen;

import java.net.URI;

/**
 * One request of the load, built by a {@link Scenario} before it is issued.
 *
 * @param kind        label used in the report ("order.approving", "invalid.empty-items", ...)
 * @param method      HTTP method
 * @param uri         absolute target
 * @param contentType Content-Type of the body (null without body)
 * @param body        request body (null for none)
 * @param expectation what a correct system answers
 */
public record PlannedRequest(String kind, String method, URI uri, String contentType, byte[] body,
        Expectation expectation) {

    public static PlannedRequest get(String kind, URI uri, Expectation expectation) {
        return new PlannedRequest(kind, "GET", uri, null, null, expectation);
    }

    public static PlannedRequest json(String kind, String method, URI uri, byte[] body, Expectation expectation) {
        return new PlannedRequest(kind, method, uri, "application/json", body, expectation);
    }
}
