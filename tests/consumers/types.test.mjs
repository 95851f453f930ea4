// TypeScript users: a small consumer file, in a scratch project that installed the packed
// tarball, must pass `tsc --noEmit` under the three ways projects resolve the package:
// bundlers (Vite and most apps), Node's own nodenext, and Workers (the `workerd` condition).
// Its @ts-expect-error lines must fail, which proves the types are not `any`.
// Run: node --test tests/consumers/types.test.mjs (after `npm run build`)

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join, relative } from "node:path";
import { before, test } from "node:test";
import { promisify } from "node:util";
import { installConsumer, REPO_ROOT } from "./support/packed-package.mjs";

const execFileAsync = promisify(execFile);
const TSC = join(REPO_ROOT, "node_modules", ".bin", "tsc");

const CASES = [
  ["bundler resolution (Vite, webpack, esbuild)", "tsconfig.bundler.json", "browser"],
  ["nodenext resolution (Node 20)", "tsconfig.nodenext.json", "node"],
  ["bundler resolution with the workerd condition", "tsconfig.workerd.json", "workerd"],
];

let project;
/** tsconfig file name -> the result of type-checking with it; the three run at once. */
const results = new Map();

before(async () => {
  project = await installConsumer("types");
  const checked = await Promise.all(CASES.map(([, tsconfig]) => typeCheck(tsconfig)));
  CASES.forEach(([, tsconfig], index) => results.set(tsconfig, checked[index]));
}, { timeout: 60_000 });

/** Runs tsc on one tsconfig; resolves its exit code, output and the package files it read. */
async function typeCheck(tsconfig) {
  let code = 0;
  let stdout;
  try {
    ({ stdout } = await execFileAsync(TSC, ["-p", tsconfig, "--listFiles"], { cwd: project.dir }));
  } catch (error) {
    code = error.code;
    stdout = `${error.stdout}${error.stderr}`;
  }
  const packageFiles = stdout
    .split("\n")
    .filter((line) => line.includes("node_modules/gameliftstreams-wasm/"))
    .map((line) => relative(join(project.dir, "node_modules", "gameliftstreams-wasm"), line))
    .sort();
  return { code, stdout, packageFiles };
}

for (const [label, tsconfig, entry] of CASES) {
  test(`tsc --noEmit passes under ${label}, reading pkg/${entry}.d.ts`, () => {
    const { code, stdout, packageFiles } = results.get(tsconfig);
    assert.equal(code, 0, stdout);
    assert.deepEqual(packageFiles, ["pkg/index.d.ts", `pkg/${entry}.d.ts`].sort());
  });
}
