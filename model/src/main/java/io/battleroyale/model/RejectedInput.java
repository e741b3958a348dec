package io.battleroyale.model;

/**
 * Input that was refused at the boundary, never reaching an agent.
 *
 * @param origin the file or venue it came from
 * @param line 1-based line in a file, or {@code 0} when not from a file
 * @param reason why it was refused, naming the field
 * @param raw the refused text, for the operator to look at
 */
public record RejectedInput(String origin, long line, String reason, String raw) {}
