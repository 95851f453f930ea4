// Turns the measured batches into table rows: medians per client, differences from the floor
// paired by round, and this package's figure divided by each competitor's.
import { CLIENTS, COMPETITORS, median, SIGNERS } from "./common.mjs";

const perSecond = (s) => (s.n * 1000) / s.wallMs;

/** The rows that come from repeated measurements, in table order. */
function measuredRows({ concurrency, rssN, workerdNoopUs }) {
  // workerd batches lose the fixed CPU cost of the dispatch that carried them into the Worker.
  const cpuPerCall = (runtime) => (s) =>
    (s.cpuUs - (runtime === "workerd" ? workerdNoopUs : 0)) / s.n;
  const rows = [];
  const add = (section, runtime, kind, list) => {
    for (const row of list) rows.push({ section, runtime, kind, better: "lower", ...row });
  };

  add("Cold start in a fresh Node process (median)", "node", "cold", [
    { id: "cold_import_ms", label: "import + construct", unit: "ms", value: (s) => s.importMs },
    { id: "cold_first_ms", label: "first request", unit: "ms", value: (s) => s.firstMs },
    {
      id: "cold_total_ms",
      label: "import + construct + first request",
      unit: "ms",
      value: (s) => s.totalMs,
      overFloor: true,
    },
    { id: "cold_cpu_ms", label: "CPU for all of it", unit: "ms", value: (s) => s.cpuUs / 1000 },
  ]);

  for (const runtime of ["node", "workerd"]) {
    const name = runtime === "node" ? "Node" : "workerd";
    const cpu = cpuPerCall(runtime);
    add(`Signing only, ${name} (nothing sent)`, runtime, "sign", [
      { id: `${runtime}_sign_per_s`, label: "signs per second", unit: "/s", better: "higher",
        value: perSecond, clients: SIGNERS },
      { id: `${runtime}_sign_cpu_us`, label: "CPU per sign", unit: "µs", value: cpu,
        clients: SIGNERS },
    ]);
    add(`Whole call with fetch stubbed (no network), ${name}`, runtime, "stub", [
      { id: `${runtime}_stub_per_s`, label: "calls per second", unit: "/s", better: "higher",
        value: perSecond },
      { id: `${runtime}_stub_cpu_us`, label: "CPU per call", unit: "µs", value: cpu,
        overFloor: true },
    ]);
    add(`Whole call with fetch stubbed, each right after a real round trip, ${name}`, runtime,
      "after", [
        { id: `${runtime}_after_cpu_us`, label: "CPU per call and round trip", unit: "µs",
          value: cpu, overFloor: true },
      ]);
    add(`Sequential round trips to the emulator, ${name}`, runtime, "seq", [
      { id: `${runtime}_seq_per_s`, label: "requests per second", unit: "/s", better: "higher",
        value: perSecond },
      { id: `${runtime}_seq_cpu_us`, label: "client CPU per request", unit: "µs", value: cpu,
        overFloor: true },
    ]);
    add(`${concurrency} concurrent round trips, ${name}`, runtime, "conc", [
      { id: `${runtime}_conc_per_s`, label: "requests per second", unit: "/s", better: "higher",
        value: perSecond },
      { id: `${runtime}_conc_cpu_us`, label: "client CPU per request", unit: "µs", value: cpu,
        overFloor: true },
    ]);
  }

  const requests = rssN.toLocaleString("en-US");
  add(`Peak RSS, ${requests} requests, ${concurrency} in flight, one Node process per client`,
    "node", "rss", [
      { id: "rss_peak_mb", label: "peak RSS", unit: "MB", value: (s) => s.peakRssKb / 1024,
        overFloor: true },
      { id: "rss_before_mb", label: "RSS after import + construct", unit: "MB",
        value: (s) => s.beforeRssKb / 1024 },
    ]);
  return rows;
}

/** Size rows: one deterministic figure each, no rounds. */
function sizeRows(sizes) {
  const rows = [];
  for (const [part, label] of [["js", "JS bundle"], ["total", "JS + .wasm"]]) {
    const codecs = [["raw", "raw"], ["gzip", "gzip -9"], ["brotli", "brotli 11"]];
    for (const [codec, codecLabel] of codecs) {
      rows.push({
        id: `size_${part}_${codec}`,
        section: "Bundle size, terminate-only consumer (esbuild, minified, browser, ESM)",
        label: `${label}, ${codecLabel}`,
        unit: "B",
        better: "lower",
        values: Object.fromEntries(CLIENTS.map((c) => [c, sizes[c][part][codec]])),
      });
    }
  }
  return rows;
}

/**
 * @param {object} samples {runtime: {kind: {client: [batch, ...]}}}
 * @param {object} sizes from build.mjs
 * @param {{concurrency: number, rssN: number, workerdNoopUs: number}} params
 * @returns {object[]} the metrics of latest.json, in table order
 */
export function computeMetrics(samples, sizes, params) {
  const metrics = sizeRows(sizes);
  for (const row of measuredRows(params)) {
    const { id, section, label, unit, better, runtime, kind, value } = row;
    const clients = row.clients ?? CLIENTS;
    const values = {};
    const perRound = {};
    for (const client of clients) {
      perRound[client] = (samples[runtime]?.[kind]?.[client] ?? []).map(value);
      values[client] = median(perRound[client]);
    }
    metrics.push({ id, section, label, unit, better, values, samples: perRound });
    if (row.overFloor) {
      // Each round's figure minus the floor's in the same round, then the median: pairing by
      // round cancels the machine's slow drifts.
      const over = {};
      const overSamples = {};
      for (const client of clients.filter((c) => c !== "floor")) {
        overSamples[client] = perRound[client].map((v, i) => v - perRound.floor[i]);
        over[client] = median(overSamples[client]);
      }
      metrics.push({
        id: `${id}_over_floor`,
        section,
        label: `${label}, over the floor`,
        unit,
        better,
        values: { floor: 0, ...over },
        samples: overSamples,
      });
    }
  }
  for (const metric of metrics) {
    metric.ratios = {};
    for (const competitor of COMPETITORS) {
      const mine = metric.values.wasm;
      const theirs = metric.values[competitor];
      // A ratio of two differences from the floor only means something when both are positive.
      const usable = mine != null && theirs != null && theirs > 0 && mine >= 0;
      metric.ratios[competitor] = usable ? mine / theirs : null;
    }
  }
  return metrics;
}
