// Evaluated before the agent's file in its own context. It captures the built-ins it needs, so an
// agent that replaces JSON.parse or Object.freeze changes only what its own code sees.
(function (global) {
  'use strict';
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const freeze = Object.freeze;
  const keys = Object.keys;
  const isArray = Array.isArray;
  const sqrt = Math.sqrt;
  function deepFreeze(v) {
    if (v !== null && typeof v === 'object') {
      const ks = keys(v);
      for (let i = 0; i < ks.length; i++) deepFreeze(v[ks[i]]);
      freeze(v);
    }
    return v;
  }
  function tail(values, n) {
    if (!isArray(values) || !(n >= 1) || values.length < n) return null;
    return values.slice(values.length - n);
  }
  const helpers = {
    // mean of the last n values, null while fewer than n
    sma(values, n) {
      const w = tail(values, n);
      if (w === null) return null;
      let s = 0;
      for (let i = 0; i < n; i++) s += w[i];
      return s / n;
    },
    // exponential average over all values, alpha 2/(n+1), seeded with the first value
    ema(values, n) {
      if (!isArray(values) || values.length === 0 || !(n >= 1)) return null;
      const a = 2 / (n + 1);
      let e = values[0];
      for (let i = 1; i < values.length; i++) e = a * values[i] + (1 - a) * e;
      return e;
    },
    // Wilder RSI over the last n changes (simple average form), null while fewer than n + 1 values
    rsi(values, n) {
      const w = tail(values, n + 1);
      if (w === null) return null;
      let up = 0, down = 0;
      for (let i = 1; i < w.length; i++) {
        const d = w[i] - w[i - 1];
        if (d > 0) up += d; else down -= d;
      }
      if (down === 0) return up === 0 ? 50 : 100;
      return 100 - 100 / (1 + up / down);
    },
    // (last - mean) / sample standard deviation of the last n values
    zscore(values, n) {
      const w = tail(values, n);
      if (w === null || n < 2) return null;
      let s = 0;
      for (let i = 0; i < n; i++) s += w[i];
      const m = s / n;
      let q = 0;
      for (let i = 0; i < n; i++) q += (w[i] - m) * (w[i] - m);
      const sd = sqrt(q / (n - 1));
      return sd === 0 ? 0 : (w[n - 1] - m) / sd;
    },
  };
  freeze(helpers);
  for (const name of ['sma', 'ema', 'rsi', 'zscore']) {
    Object.defineProperty(global, name, { value: helpers[name], writable: false, configurable: false });
  }
  global.store = {};
  const hasOwn = Object.prototype.hasOwnProperty;
  function own(o, k) {
    return hasOwn.call(o, k) ? o[k] : null;
  }
  // The host's entry point: fresh frozen inputs from JSON on every call, the store from its JSON;
  // the answer is a flat array of primitives, [kind, action, confidence, size, reason, store JSON],
  // taken from a JSON copy of what the agent returned, so no agent object reaches the host.
  const call = function (marketJson, eventJson, storeJson) {
    const generate = global.generateSignal;
    if (typeof generate !== 'function') {
      return ['bad', 'the file defines no function generateSignal'];
    }
    global.store = parse(storeJson);
    const result = generate(deepFreeze(parse(marketJson)), deepFreeze(parse(eventJson)));
    const storeOut = stringify(global.store === undefined ? {} : global.store);
    if (result === null || result === undefined) return ['none', null, null, null, null, storeOut];
    const out = stringify(result);
    if (out === undefined) return ['bad', 'returned a ' + typeof result + ', not a JSON value'];
    const p = parse(out);
    if (p === null || typeof p !== 'object' || isArray(p)) {
      return ['bad', 'returned ' + out.slice(0, 40) + ', not an object or null'];
    }
    return ['signal', own(p, 'action'), own(p, 'confidence'), own(p, 'size'), own(p, 'reason'), storeOut];
  };
  return call;
})(this)
