#!/usr/bin/env python3
"""Independent computation of the golden backtest's expected trades (python3, stdlib only).

Written from DESIGN.md's backtest conventions, sharing no code with the Java engine:
trend agent = SMA(fast) vs SMA(slow) crossover of closes, where a cross at bar i needs
fast-slow at i to have the opposite sign of the last NON-ZERO difference before i; long/flat;
a decision on bar i fills at the open of bar i+1; buys fill at open*(1+slip), sells at
open*(1-slip); commission = bps * traded value on both legs; all-in sizing
qty = cash / (price * (1 + commission)).  Prints the expected trades.csv rows and final equity.
Run: python3 expected.py prices.csv FAST SLOW COMMISSION_BPS SLIPPAGE_BPS CASH [WARMUP]
"""
import csv
import sys

path, fast, slow, cbps, sbps, cash0 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
warmup = int(sys.argv[7]) if len(sys.argv) > 7 else 0
c, s = cbps / 1e4, sbps / 1e4
bars = {}
for row in csv.DictReader(open(path)):
    bars.setdefault(row["symbol"], []).append(row)

for symbol in sorted(bars):
    series = bars[symbol]
    closes = [float(b["close"]) for b in series]
    cash, qty, entry = cash0, 0.0, None
    last_sign, pending = 0, None
    trades = []
    for i, b in enumerate(series):
        o = float(b["open"])
        if pending is not None:
            side, _ = pending
            if side == "BUY" and qty == 0:
                price = o * (1 + s)
                q = cash / (price * (1 + c))
                fee = price * q * c
                cash -= price * q + fee
                qty, entry = q, (int(b["timestamp"]), price, fee)
            elif side == "SELL" and qty > 0:
                price = o * (1 - s)
                fee = price * qty * c
                cash += price * qty - fee
                pnl = (price - entry[1]) * qty - entry[2] - fee
                trades.append((symbol, entry[0], entry[1], int(b["timestamp"]), price, qty, pnl))
                qty, entry = 0.0, None
            pending = None
        if i + 1 >= slow:
            f = sum(closes[i + 1 - fast:i + 1]) / fast
            sl = sum(closes[i + 1 - slow:i + 1]) / slow
            d = f - sl
            sign = (d > 0) - (d < 0)
            if sign != 0:
                if last_sign != 0 and sign != last_sign and i >= warmup:
                    want = "BUY" if sign > 0 else "SELL"
                    if (want == "BUY" and qty == 0) or (want == "SELL" and qty > 0):
                        pending = (want, i)
                last_sign = sign
    last_close = closes[-1]
    equity = cash + qty * last_close
    for t in trades:
        print(f"trend,{t[0]},{t[1]},{t[2]!r},{t[3]},{t[4]!r},{t[5]!r},{t[6]!r}")
    if qty > 0:
        pnl = (last_close - entry[1]) * qty - entry[2]
        print(f"trend,{symbol},{entry[0]},{entry[1]!r},,,{qty!r},{pnl!r}")
    print(f"# {symbol} final equity {equity!r}")
