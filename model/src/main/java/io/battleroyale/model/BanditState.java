package io.battleroyale.model;

import java.util.List;

/** The meta-agent's posteriors for one symbol and regime at one time. */
public record BanditState(String symbol, String regime, long tsEvent, List<ArmState> arms) {}
