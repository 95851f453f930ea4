// The packed tarball, checked as the registry would receive it: what it contains, its
// `exports` map, and the ecosystem's two package linters, publint and arethetypeswrong.
// Run: node --test tests/consumers/package.test.mjs (after `npm run build`)

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { promisify } from "node:util";
import { filesUnder, packTarball, REPO_ROOT } from "./support/packed-package.mjs";

const execFileAsync = promisify(execFile);
const BIN = join(REPO_ROOT, "node_modules", ".bin");

let tarball;

before(async () => {
  tarball = await packTarball();
}, { timeout: 60_000 });

/** Runs a tool from node_modules/.bin and resolves its exit code and output, never rejecting. */
async function runTool(name, args) {
  try {
    const { stdout, stderr } = await execFileAsync(join(BIN, name), args, {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code, stdout: error.stdout ?? "", stderr: error.stderr ?? "" };
  }
}

test("tarball: holds exactly the built pkg/, bin/, package.json, README.md and LICENSE", () => {
  const expected = ["LICENSE", "README.md", "package.json", ...filesUnder("bin"), ...filesUnder("pkg")];
  assert.deepEqual(tarball.files, expected.sort());
});

test("tarball: has every entry point with its declarations, and the wasm binary", () => {
  for (const file of [
    "pkg/index.js",
    "pkg/index.d.ts",
    "pkg/node.js",
    "pkg/node.d.ts",
    "pkg/browser.js",
    "pkg/browser.d.ts",
    "pkg/workerd.js",
    "pkg/workerd.d.ts",
    "pkg/wasm/gameliftstreams.js",
    "pkg/wasm/gameliftstreams_bg.wasm",
    "bin/gameliftstreams-terminate.js",
  ]) {
    assert.ok(tarball.files.includes(file), `${file} in ${tarball.files.join(", ")}`);
  }
});

test("tarball: nothing of the sources or of the build's leftovers", () => {
  const leftovers = tarball.files.filter(
    (file) =>
      /^(src|js|target|tests|scripts|www|docs|node_modules)\//.test(file) ||
      /\.(rs|map|tgz|log)$/.test(file) ||
      /^Cargo\./.test(file) ||
      /(^|\/)(\.gitignore|package-lock\.json)$/.test(file) ||
      (file.startsWith("pkg/") && file.endsWith("package.json")) ||
      (file.startsWith("pkg/wasm/") && file.endsWith(".d.ts")),
  );
  assert.deepEqual(leftovers, []);
});

test("tarball: the CLI is executable (mode 755)", () => {
  assert.equal(tarball.modes["bin/gameliftstreams-terminate.js"].toString(8), "755");
});

test("package.json: one exports entry per runtime, each with its own types first", () => {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));
  assert.equal(manifest.type, "module");
  assert.deepEqual(Object.keys(manifest.exports), [".", "./package.json"]);
  const root = manifest.exports["."];
  assert.deepEqual(Object.keys(root), ["workerd", "worker", "node", "browser", "default"]);
  const entryOf = { workerd: "workerd", worker: "workerd", node: "node", browser: "browser" };
  for (const [condition, target] of Object.entries(root)) {
    const file = entryOf[condition] ?? "browser";
    assert.deepEqual(
      target,
      { types: `./pkg/${file}.d.ts`, default: `./pkg/${file}.js` },
      `exports["."].${condition}`,
    );
  }
});

test("package.json: the per-entry declarations re-export the one index.d.ts", () => {
  for (const entry of ["node", "browser", "workerd"]) {
    const text = readFileSync(join(REPO_ROOT, "pkg", `${entry}.d.ts`), "utf8");
    const statements = text.split("\n").filter((line) => line && !line.startsWith("//"));
    assert.deepEqual(statements, ['export * from "./index.js";'], `pkg/${entry}.d.ts`);
  }
});

test("publint: the tarball has no error, warning or suggestion", async () => {
  const { code, stdout, stderr } = await runTool("publint", [
    tarball.path,
    "--level",
    "suggestion",
    "--strict",
  ]);
  assert.equal(code, 0, `${stdout}\n${stderr}`);
  assert.match(stdout, /^All good!$/m);
});

test("attw: clean under the esm-only profile; each resolution finds its own entry", async () => {
  // The package is ESM only (README, Compatibility). Under the default "strict" profile attw
  // also counts `require()` from CommonJS under TypeScript 5.6's node16 rules, which resolves
  // to ESM; the "esm-only" profile leaves exactly that one out, so it is asserted below.
  const { code, stdout, stderr } = await runTool("attw", [
    tarball.path,
    "--profile",
    "esm-only",
    "--format",
    "json",
  ]);
  assert.equal(code, 0, `${stdout}\n${stderr}`);
  const { analysis, problems } = JSON.parse(stdout);
  assert.deepEqual(problems, {
    CJSResolvesToESM: [
      { kind: "CJSResolvesToESM", entrypoint: ".", resolutionKind: "node16-cjs" },
    ],
  });

  const resolutions = analysis.entrypoints["."].resolutions;
  const resolved = Object.fromEntries(
    Object.entries(resolutions).map(([kind, { resolution, implementationResolution }]) => [
      kind,
      [resolution.fileName, implementationResolution.fileName],
    ]),
  );
  const at = (file) => `/node_modules/gameliftstreams-wasm/pkg/${file}`;
  assert.deepEqual(resolved, {
    node10: [at("index.d.ts"), at("node.js")],
    "node16-cjs": [at("node.d.ts"), at("node.js")],
    "node16-esm": [at("node.d.ts"), at("node.js")],
    bundler: [at("browser.d.ts"), at("browser.js")],
  });
  for (const [kind, resolution] of Object.entries(resolutions)) {
    if (kind !== "node16-cjs") assert.deepEqual(resolution.visibleProblems, [], kind);
  }
});
