// Bundles every client with esbuild, as a consumer's build would, into bench/.out/:
//   browser/  minified ESM for the browser: the bundle-size figures
//   node/     the same clients for the Node runs (this package through its `node` condition,
//             the others through their browser builds, as in the bundle-size figures)
//   workerd/  one Worker holding every client and signer, for the workerd runs
// This package's signer (bench/signers/wasm*.mjs) runs the module built with the `bench-hooks`
// feature in bench/.hooks-pkg/ (run.mjs builds it), not pkg/'s; it is copied next to the Node
// signer and bundled into the Worker beside pkg/'s module.
import { cpSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { BENCH_DIR, CLIENTS, HOOKS_PKG_DIR, OUT_DIR, REPO_ROOT, SIGNERS } from "./common.mjs";
import { addSizes, sizesOf } from "./sizes.mjs";

const WASM = join(REPO_ROOT, "pkg", "wasm", "gameliftstreams_bg.wasm");
const HOOKS_WASM = join(HOOKS_PKG_DIR, "wasm", "gameliftstreams_bg.wasm");

const common = {
  bundle: true,
  format: "esm",
  minify: true,
  write: true,
  logLevel: "error",
  legalComments: "none",
  absWorkingDir: REPO_ROOT,
};

/** Builds every bundle; returns the size table of the browser bundles. */
export async function buildAll() {
  rmSync(OUT_DIR, { recursive: true, force: true });
  const browserDir = join(OUT_DIR, "browser");
  const nodeDir = join(OUT_DIR, "node");
  const workerdDir = join(OUT_DIR, "workerd");
  for (const dir of [browserDir, nodeDir, workerdDir]) mkdirSync(dir, { recursive: true });

  const sizes = {};
  for (const client of CLIENTS) {
    const entry = join(BENCH_DIR, "clients", `${client}.mjs`);
    const outfile = join(browserDir, `${client}.mjs`);
    const result = await build({
      ...common,
      entryPoints: [entry],
      outfile,
      platform: "browser",
      metafile: true,
    });
    const js = sizesOf(readFileSync(outfile));
    // The package's .wasm is fetched next to the bundle; it counts in full, compressed alone.
    const wasm = client === "wasm" ? sizesOf(readFileSync(WASM)) : null;
    sizes[client] = {
      js,
      wasm,
      total: wasm ? addSizes(js, wasm) : js,
      inputs: Object.keys(result.metafile.inputs).length,
    };

    await build({
      ...common,
      entryPoints: [entry],
      outfile: join(nodeDir, `${client}.mjs`),
      // This package has a Node entry (reads the .wasm from disk); the others are run as
      // their browser builds, the same code as measured for size, on Node's fetch.
      platform: client === "wasm" ? "node" : "browser",
    });
  }
  // pkg/node.js reads `./wasm/gameliftstreams_bg.wasm` relative to the module, now the bundle.
  mkdirSync(join(nodeDir, "wasm"), { recursive: true });
  cpSync(WASM, join(nodeDir, "wasm", "gameliftstreams_bg.wasm"));

  for (const signer of SIGNERS) {
    await build({
      ...common,
      entryPoints: [join(BENCH_DIR, "signers", `${signer}.mjs`)],
      outfile: join(nodeDir, `sign-${signer}.mjs`),
      // This package's signer reads its .wasm from disk; the others are their browser builds.
      platform: signer === "wasm" ? "node" : "browser",
    });
  }
  // bench/signers/wasm.mjs reads `./hooks-wasm/gameliftstreams_bg.wasm` next to its bundle.
  mkdirSync(join(nodeDir, "hooks-wasm"), { recursive: true });
  cpSync(HOOKS_WASM, join(nodeDir, "hooks-wasm", "gameliftstreams_bg.wasm"));

  await build({
    ...common,
    entryPoints: [join(BENCH_DIR, "lib", "worker.mjs")],
    outdir: workerdDir,
    outExtension: { ".js": ".mjs" },
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    // workerd imports a .wasm file as a compiled WebAssembly.Module, as wrangler does. pkg/'s
    // module and the bench-hooks one have the same file name, hence the hash.
    loader: { ".wasm": "copy" },
    assetNames: "[name]-[hash]",
  });
  return sizes;
}
