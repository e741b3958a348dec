package io.battleroyale.sources.venues.source;

import io.battleroyale.sources.venues.Venue;
import io.battleroyale.sources.venues.http.VenueHttpClient;

/** Fails fast, at job build time, on a base URL the client could not use. */
final class VenueHttpClientCheck {

    private VenueHttpClientCheck() {}

    static void baseUrl(Venue venue, String url) {
        VenueHttpClient.parseBaseUrl(venue.id(), url);
    }

    static void baseUrl(String feed, String url) {
        VenueHttpClient.parseBaseUrl(feed, url);
    }
}
