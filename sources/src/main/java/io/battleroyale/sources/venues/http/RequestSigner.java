package io.battleroyale.sources.venues.http;

import okhttp3.Request;

/** Adds authentication headers to a request just before each attempt is sent. */
@FunctionalInterface
public interface RequestSigner {

    /**
     * @param request the builder of the outgoing request
     * @param method upper-case HTTP method
     * @param path the encoded path from the host, without the query string
     */
    void sign(Request.Builder request, String method, String path);
}
