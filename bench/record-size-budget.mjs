// Records the size budget that tests/size/size.test.mjs checks: the built .wasm and its JS
// glue, raw, gzip -9 and brotli 11, with the date and commit. Run after `npm run build`, when
// a size change is meant to stay (the budget should only ever go down):
//   node bench/record-size-budget.mjs
// To record the figures of a build made elsewhere (say, of a clean checkout of a commit):
//   node bench/record-size-budget.mjs --root /path/to/that/checkout --commit <sha>
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "./lib/common.mjs";
import { gzipMethod, sizesOf } from "./lib/sizes.mjs";

export const BUDGET_FILE = join(REPO_ROOT, "bench", "size-budget.json");
export const GUARDED_FILES = ["pkg/wasm/gameliftstreams_bg.wasm", "pkg/wasm/gameliftstreams.js"];

function git(args) {
  try {
    const options = { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] };
    return execFileSync("git", args, options).trim();
  } catch {
    return null;
  }
}

const { values: args } = parseArgs({
  options: { root: { type: "string" }, commit: { type: "string" } },
});
const root = args.root ?? REPO_ROOT;
const files = {};
for (const file of GUARDED_FILES) files[file] = sizesOf(readFileSync(join(root, file)));
const budget = {
  note:
    "Checked by tests/size/size.test.mjs (npm test): each figure may exceed this budget by " +
    "`tolerance` at most. Lower it as size work lands: node bench/record-size-budget.mjs",
  recordedAt: new Date().toISOString().slice(0, 10),
  commit: args.commit ?? git(["rev-parse", "HEAD"]),
  uncommittedSourceChanges: args.commit
    ? false
    : (git(["status", "--porcelain", "--", "src", "js", "Cargo.toml", "Cargo.lock"]) ?? "") !== "",
  tolerance: 0.02,
  gzip: gzipMethod(),
  brotli: "quality 11, window 24 (Node zlib)",
  files,
};
writeFileSync(BUDGET_FILE, `${JSON.stringify(budget, null, 2)}\n`);
console.log(JSON.stringify(budget, null, 2));
