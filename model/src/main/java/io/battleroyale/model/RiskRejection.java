package io.battleroyale.model;

import java.util.List;

/** An order the risk gate refused, with every rule that failed and its numbers. */
public record RiskRejection(Order order, List<String> reasons) {}
