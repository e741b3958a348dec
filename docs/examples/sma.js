// SMA crossover: BUY when the 5-bar average of closes crosses above the 20-bar one, SELL when it
// crosses below. Run it with: ./battle backtest --agents "script:file=docs/examples/sma.js;trend" ...
function generateSignal(marketData, eventData) {
  store.bars = (store.bars || 0) + 1;
  const closes = (store.closes || []).concat([marketData.close]).slice(-20);
  store.closes = closes;
  const fast = sma(closes, 5);
  const slow = sma(closes, 20);
  if (fast === null || slow === null) return null;
  const above = fast > slow;
  const crossed = store.above !== undefined && store.above !== above;
  store.above = above;
  if (!crossed) return null;
  const gap = (fast - slow) / slow;
  return {
    action: above ? 'BUY' : 'SELL',
    confidence: Math.min(1, 0.5 + 50 * Math.abs(gap)),
    size: 1,
    reason: `SMA5 ${fast.toFixed(2)} crossed ${above ? 'above' : 'below'} SMA20 ${slow.toFixed(2)}`,
  };
}
