// The size guard: the built .wasm and its JS glue may not grow more than the budget's
// tolerance (2 %) beyond the sizes recorded in bench/size-budget.json. A size, not a timing,
// so it gives the same answer on any machine. When a change is meant to make them larger
// (or once an optimisation has made them smaller), record the new figures:
//   npm run build && node bench/record-size-budget.mjs
// Run: node --test tests/size/ (after `npm run build`)

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { gzipMethod, sizesOf } from "../../bench/lib/sizes.mjs";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const budget = JSON.parse(readFileSync(join(REPO_ROOT, "bench", "size-budget.json"), "utf8"));
const fmt = (bytes) => bytes.toLocaleString("en-US");

test("size budget: names both guarded files and a tolerance", () => {
  assert.deepEqual(Object.keys(budget.files).sort(), [
    "pkg/wasm/gameliftstreams.js",
    "pkg/wasm/gameliftstreams_bg.wasm",
  ]);
  assert.ok(budget.tolerance > 0 && budget.tolerance <= 0.05, `tolerance ${budget.tolerance}`);
});

for (const [file, recorded] of Object.entries(budget.files)) {
  test(`size: ${file} stays within ${budget.tolerance * 100} % of its budget`, (t) => {
    const path = join(REPO_ROOT, file);
    assert.ok(existsSync(path), `${file} is missing: run \`npm run build\` first`);
    const now = sizesOf(readFileSync(path));
    const codecs = ["raw", "brotli"];
    // gzip figures from zlib differ from GNU gzip's by a few per cent; compare like with like.
    if (gzipMethod() === budget.gzip) codecs.push("gzip");
    else t.diagnostic(`gzip not compared: budget by ${budget.gzip}, now ${gzipMethod()}`);
    t.diagnostic(
      `${file}: raw ${fmt(now.raw)}, gzip ${fmt(now.gzip)}, brotli ${fmt(now.brotli)} B ` +
        `(budget ${fmt(recorded.raw)} / ${fmt(recorded.gzip)} / ${fmt(recorded.brotli)}, ` +
        `recorded ${budget.recordedAt} at ${budget.commit?.slice(0, 12)})`,
    );
    const over = [];
    for (const codec of codecs) {
      const limit = Math.floor(recorded[codec] * (1 + budget.tolerance));
      if (now[codec] > limit) {
        const growth = ((now[codec] / recorded[codec] - 1) * 100).toFixed(1);
        over.push(
          `${codec} ${fmt(now[codec])} B is ${growth} % over the budget of ` +
            `${fmt(recorded[codec])} B (limit ${fmt(limit)} B)`,
        );
      }
    }
    assert.deepEqual(
      over,
      [],
      `${file} grew beyond its size budget (bench/size-budget.json, recorded ` +
        `${budget.recordedAt} at ${budget.commit?.slice(0, 12)}):\n  ${over.join("\n  ")}\n` +
        "If the growth is meant, record a new budget: node bench/record-size-budget.mjs",
    );
  });
}
