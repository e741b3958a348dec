package io.battleroyale.model;

/**
 * An order the risk gate refused, together with the decision it came from: the line written to
 * {@code rejections.jsonl}. The decision's outcome is {@code rejected}; the rejection lists every
 * rule that failed, with its numbers.
 */
public record RejectedOrder(Decision decision, RiskRejection rejection) {

    /** Event time of the refused order (the decision bar's end). */
    public long tsEvent() {
        return rejection.order().tsEvent();
    }
}
