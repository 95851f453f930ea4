// Builds the npm package into pkg/: the crate for wasm32, wasm-bindgen's `--target web` glue,
// wasm-opt from the npm `binaryen` package (Debian's is too old for this output), and the
// hand-written entry points from js/.
//   node scripts/build.mjs                     build pkg/
//   node scripts/build.mjs --if-stale          build only when a source is newer than the output
//   node scripts/build.mjs --features <list>   cargo features to build with (none by default)
//   node scripts/build.mjs --out <dir>         write <dir> (relative to the repository) instead
//                                              of pkg/, staged in <dir>.staging beside it
// The benchmark builds `--features bench-hooks --out bench/.hooks-pkg` this way; the published
// package is always the default build, without features.
import { execFileSync } from "node:child_process";
import {
  cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { applyBoundaryMapping } from "./minify-boundary.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    "if-stale": { type: "boolean", default: false },
    features: { type: "string" },
    out: { type: "string", default: "pkg" },
  },
});
const pkg = resolve(root, args.out);
const pkgName = relative(root, pkg) || ".";
const wasmOut = join(pkg, "wasm", "gameliftstreams_bg.wasm");

function newestSource() {
  const files = [
    "Cargo.toml", "Cargo.lock", "scripts/build.mjs", "scripts/minify-boundary.mjs",
  ].map((f) => join(root, f));
  for (const dir of ["src", "js"]) {
    for (const name of readdirSync(join(root, dir), { recursive: true })) {
      files.push(join(root, dir, name));
    }
  }
  return Math.max(...files.filter(existsSync).map((f) => statSync(f).mtimeMs));
}

function run(command, args, env = {}) {
  execFileSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
}

function lockedWasmBindgenVersion() {
  const lock = readFileSync(join(root, "Cargo.lock"), "utf8");
  const match = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/);
  if (!match) throw new Error("Cargo.lock names no wasm-bindgen version");
  return match[1];
}

if (args["if-stale"] && existsSync(wasmOut) && statSync(wasmOut).mtimeMs >= newestSource()) {
  console.log(`${pkgName}/ is up to date`);
  process.exit(0);
}

const wanted = lockedWasmBindgenVersion();
let installed = "";
try {
  installed = execFileSync("wasm-bindgen", ["--version"], { encoding: "utf8" }).trim();
} catch {
  // Reported below.
}
if (installed !== `wasm-bindgen ${wanted}`) {
  console.error(`wasm-bindgen ${wanted} is needed (found: ${installed || "none"}); ` +
    "`npm test` installs it, or run scripts/ensure-tools.sh");
  process.exit(1);
}

// Built beside the output (pkg.staging/ for pkg/) and swapped in at the end, so a suite
// running meanwhile never sees a half-written package.
const staging = `${pkg}.staging`;
// The release module is built with the standard library compiled from source and panics
// reduced to a trap (`panic=immediate-abort`, with `optimize_for_size` in std): no panic
// messages, file names or their formatting in the module, about 22 KB raw and 8 KB brotli
// less. These are unstable options, enabled on the stable toolchain by RUSTC_BOOTSTRAP and
// needing its rust-src component (scripts/ensure-tools.sh adds it). Behaviour does not change:
// with Rust's default `panic=abort` on wasm32 a panic already ends in a trap, and the tests
// hold that none is reachable. Legacy symbol mangling keeps wasm-bindgen's export names short.
// The source paths that remain (locations wasm-bindgen's `unwrap_throw` reports) are written
// relative to the crate registry, the toolchain and this repository, so the module neither
// names the build machine's directories nor changes size with them. The flags add to the
// rustflags of .cargo/config.toml.
const cargoHome = process.env.CARGO_HOME ?? join(homedir(), ".cargo");
const sysroot = execFileSync("rustc", ["--print", "sysroot"], { encoding: "utf8" }).trim();
const rustflags = [
  "-Zunstable-options", "-Cpanic=immediate-abort", "-Csymbol-mangling-version=legacy",
  `--remap-path-prefix=${join(cargoHome, "registry", "src")}=crates`,
  `--remap-path-prefix=${sysroot}=rust`,
  `--remap-path-prefix=${root}=.`,
];
run("cargo", [
  "build", "--release", "--lib", "--target", "wasm32-unknown-unknown",
  "-Zbuild-std=std,panic_abort",
  "-Zbuild-std-features=optimize_for_size",
  "--config",
  `target.wasm32-unknown-unknown.rustflags = ${JSON.stringify(rustflags)}`,
  ...(args.features ? ["--features", args.features] : []),
], { RUSTC_BOOTSTRAP: "1" });
rmSync(staging, { recursive: true, force: true });
mkdirSync(join(staging, "wasm"), { recursive: true });
const stagedWasm = join(staging, "wasm", "gameliftstreams_bg.wasm");
run("wasm-bindgen", [
  "--target", "web",
  "--no-typescript",
  "--remove-name-section",
  "--remove-producers-section",
  "--out-name", "gameliftstreams",
  "--out-dir", join(staging, "wasm"),
  join(root, "target", "wasm32-unknown-unknown", "release", "gameliftstreams_wasm.wasm"),
]);
// `--converge` repeats -Oz while it still shrinks the module; engines ignore the
// target_features section. The boundary's names are minified and the glue rewritten to match
// (scripts/minify-boundary.mjs); wasm-opt prints the mapping on stdout.
// The renaming runs apart from the -Oz passes, which `--converge` would repeat with it.
const wasmOpt = join(root, "node_modules", ".bin", "wasm-opt");
run(wasmOpt, ["-Oz", "--converge", stagedWasm, "-o", stagedWasm]);
const mapping = execFileSync(wasmOpt, [
  "--minify-imports-and-exports-and-modules", "--strip-target-features",
  stagedWasm, "-o", stagedWasm,
], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
const stagedGlue = join(staging, "wasm", "gameliftstreams.js");
writeFileSync(stagedGlue, applyBoundaryMapping(readFileSync(stagedGlue, "utf8"), mapping));
cpSync(join(root, "js"), staging, { recursive: true });
mkdirSync(dirname(pkg), { recursive: true });
rmSync(pkg, { recursive: true, force: true });
renameSync(staging, pkg);
const built = args.features ? ` with features ${args.features}` : "";
console.log(`built ${pkgName}/${built} (${statSync(wasmOut).size} bytes of wasm)`);
