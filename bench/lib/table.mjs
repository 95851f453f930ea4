// The results as a Markdown table: one column per client, then this package's figure divided
// by each competitor's.
import { CLIENTS } from "./common.mjs";

const HEAD = {
  floor: "bare fetch (floor)",
  wasm: "gameliftstreams-wasm",
  aws4fetch: "aws4fetch",
  sdk: "AWS SDK v3",
};

function formatValue(value, unit) {
  if (value == null) return "n/a";
  const abs = Math.abs(value);
  switch (unit) {
    case "B":
    case "/s":
      return Math.round(value).toLocaleString("en-US");
    case "µs":
      return abs >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1);
    case "ms":
      return abs >= 100 ? value.toFixed(0) : value.toFixed(1);
    case "MB":
      return value.toFixed(1);
    default:
      return String(value);
  }
}

function formatRatio(ratio) {
  if (ratio == null || !Number.isFinite(ratio)) return "";
  return `${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}

export function formatMarkdown({ meta, metrics }) {
  const lines = [];
  const m = meta.machine;
  lines.push(
    `Machine: ${m.cores} cores, ${m.cpu}, ${m.memoryGiB} GiB; Node ${meta.versions.node}; ` +
      `${meta.startedAt.slice(0, 10)}; commit ${meta.commit?.slice(0, 12) ?? "?"}` +
      `${meta.dirty ? " (with uncommitted changes)" : ""}${meta.quick ? "; --quick" : ""}; ` +
      `load average ${m.loadAverageAtStart[0]} at start, ${m.loadAverageAtEnd[0]} at end.`,
    "",
  );
  const columns = ["", ...CLIENTS.map((c) => HEAD[c]), "÷ aws4fetch", "÷ SDK"];
  lines.push(`| ${columns.join(" | ")} |`);
  lines.push(`| ${columns.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`);
  let section;
  for (const metric of metrics) {
    if (metric.section !== section) {
      section = metric.section;
      lines.push(`| **${section}** |${" |".repeat(columns.length - 1)}`);
    }
    const arrow = metric.better === "lower" ? "↓" : "↑";
    const cells = [`${metric.label} (${metric.unit}, ${arrow})`];
    for (const client of CLIENTS) {
      const value = metric.values[client];
      const isOverFloor = metric.id.endsWith("_over_floor");
      if (client === "floor" && (isOverFloor || value === undefined)) cells.push("—");
      else cells.push(formatValue(value, metric.unit));
    }
    cells.push(formatRatio(metric.ratios?.aws4fetch), formatRatio(metric.ratios?.sdk));
    lines.push(`| ${cells.join(" | ")} |`);
  }
  lines.push(
    "",
    "↓ lower is better, ↑ higher is better. The ÷ columns are gameliftstreams-wasm's figure " +
      "divided by the competitor's. Medians over " +
      `${meta.params.rounds} interleaved rounds (cold start: ${meta.params.coldReps} processes ` +
      `per client; peak RSS: ${meta.params.rssReps}). Signing only, gameliftstreams-wasm: ` +
      "`signForBench()` of a build with the `bench-hooks` feature, the shipped signing code " +
      "exposed to JS for the benchmark only (not in the published package). n/a: no figure.",
    "",
  );
  return `${lines.join("\n")}\n`;
}
