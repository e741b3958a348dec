package io.battleroyale.model;

/**
 * Whether a venue answers, as one polling source reader saw it at a transition: its first answer,
 * an outage, a recovery. Travels in the live stream beside the quotes, so an operator in another
 * task manager (the event gate) decides on the same health the poller saw, and keeps it in its
 * checkpointed state.
 *
 * @param venue the venue or feed ({@code kalshi}, {@code polymarket}, …)
 * @param reader the subtask index of the source reader that polled
 * @param up true when the venue answered, false when it could not be used
 * @param reason why it is down, e.g. {@code unreachable: … HTTP 503}; {@code ""} when up
 * @param tsEvent the reader's wall clock at the poll that made the transition (epoch ms)
 */
public record VenueStatus(String venue, int reader, boolean up, String reason, long tsEvent) {

    public static VenueStatus up(String venue, int reader, long tsEvent) {
        return new VenueStatus(venue, reader, true, "", tsEvent);
    }

    public static VenueStatus down(String venue, int reader, String reason, long tsEvent) {
        return new VenueStatus(venue, reader, false, reason, tsEvent);
    }
}
