// Packs this package as `npm publish` would and installs the tarball into scratch projects,
// the way a user's project receives it. Both are cached under tests/.artifacts/consumers/: the
// tarball by the content of what `npm pack` reads, each scratch install by the tarball's
// SHA-256, so a warm `npm test` neither repacks nor reinstalls an unchanged package.

import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** Where packed tarballs and scratch projects live; git ignores tests/.artifacts/. */
export const ARTIFACTS = join(REPO_ROOT, "tests", ".artifacts", "consumers");
const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
const TARBALLS = join(ARTIFACTS, "tarballs");
const INSTALL_MARKER = ".installed-from";

function sha256(data) {
  return createHash("sha256").update(data).digest("hex");
}

/** Files below `dir` (relative to the repo root), sorted; none when `dir` is missing. */
export function filesUnder(dir) {
  const absolute = join(REPO_ROOT, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(REPO_ROOT, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

/** A digest of everything `npm pack` can read; a superset is fine, it only costs a repack. */
function packInputsDigest() {
  const hash = createHash("sha256");
  const files = ["package.json", "README.md", "LICENSE", ...filesUnder("bin")];
  files.push(...filesUnder("pkg"));
  for (const file of files) {
    const path = join(REPO_ROOT, file);
    if (!existsSync(path)) continue;
    hash.update(`${file}\0`).update(readFileSync(path)).update("\0");
  }
  return hash.digest("hex");
}

let packed;

/**
 * Packs the repository with `npm pack` (lifecycle scripts off: `npm test` has just built
 * pkg/). npm writes tarballs with fixed timestamps, so equal content gives equal bytes.
 *
 * @returns {Promise<{path: string, sha256: string, files: string[], modes: object,
 *   size: number, unpackedSize: number, filename: string}>} `files` as npm lists them,
 *   sorted; `modes` maps each to its file mode
 */
export function packTarball() {
  packed ??= pack();
  return packed;
}

async function pack() {
  if (!existsSync(join(REPO_ROOT, "pkg", "wasm", "gameliftstreams_bg.wasm"))) {
    throw new Error("pkg/ is not built: run `npm run build` before the consumer tests");
  }
  mkdirSync(TARBALLS, { recursive: true });
  const record = join(TARBALLS, `inputs-${packInputsDigest().slice(0, 24)}.json`);
  if (existsSync(record)) {
    const cached = JSON.parse(readFileSync(record, "utf8"));
    if (existsSync(cached.path) && sha256(readFileSync(cached.path)) === cached.sha256) {
      return cached;
    }
  }

  const scratch = mkdtempSync(join(TARBALLS, "pack-"));
  try {
    const { stdout } = await execFileAsync(
      "npm",
      ["pack", "--ignore-scripts", "--json", "--pack-destination", scratch],
      { cwd: REPO_ROOT },
    );
    const [info] = JSON.parse(stdout);
    const bytes = readFileSync(join(scratch, info.filename));
    const digest = sha256(bytes);
    const path = join(TARBALLS, `${info.name}-${info.version}-${digest.slice(0, 12)}.tgz`);
    renameSync(join(scratch, info.filename), path);
    const result = {
      path,
      filename: info.filename,
      sha256: digest,
      files: info.files.map((file) => file.path).sort(),
      modes: Object.fromEntries(info.files.map((file) => [file.path, file.mode])),
      size: info.size,
      unpackedSize: info.unpackedSize,
    };
    writeFileSync(record, `${JSON.stringify(result, null, 2)}\n`);
    pruneTarballs([path, record]);
    return result;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Deletes tarballs and records of earlier builds, once they are an hour old. */
function pruneTarballs(keep) {
  const cutoff = Date.now() - 60 * 60 * 1000;
  for (const name of readdirSync(TARBALLS)) {
    const path = join(TARBALLS, name);
    if (keep.includes(path) || !/\.(tgz|json)$/.test(name)) continue;
    if (statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
  }
}

/**
 * Makes the scratch project `name` from tests/consumers/fixtures/<name>/ and installs the
 * packed package into it with `npm install <tarball>`, as a user adds a local tarball. The
 * fixture's sources are copied on every call; the install is redone only when the tarball or
 * the fixture's package.json changed. It happens in a folder of its own, moved into place when
 * complete, so a run that reads the project meanwhile never sees half an install.
 *
 * @param {string} name a folder of tests/consumers/fixtures/
 * @returns {Promise<{dir: string, tarball: object, reinstalled: boolean}>}
 */
export async function installConsumer(name) {
  const tarball = await packTarball();
  const fixture = join(FIXTURES, name);
  const dir = join(ARTIFACTS, name);
  const manifest = readFileSync(join(fixture, "package.json"));
  const wanted = `${tarball.sha256} ${sha256(manifest)}`;
  const marker = join(dir, "node_modules", INSTALL_MARKER);

  mkdirSync(dir, { recursive: true });
  // package.json is left alone here: it is the installed one, which names the tarball.
  cpSync(fixture, dir, {
    recursive: true,
    force: true,
    filter: (source) => relative(fixture, source) !== "package.json",
  });

  const current = existsSync(marker) ? readFileSync(marker, "utf8") : "";
  if (current === wanted) return { dir, tarball, reinstalled: false };

  const staging = mkdtempSync(join(ARTIFACTS, `.${name}-install-`));
  try {
    writeFileSync(join(staging, "package.json"), manifest);
    await execFileAsync("npm", ["install", "--no-audit", "--no-fund", tarball.path], {
      cwd: staging,
    });
    writeFileSync(join(staging, "node_modules", INSTALL_MARKER), wanted);
    const old = `${staging}-old`;
    if (existsSync(join(dir, "node_modules"))) renameSync(join(dir, "node_modules"), old);
    renameSync(join(staging, "node_modules"), join(dir, "node_modules"));
    for (const file of ["package.json", "package-lock.json"]) {
      renameSync(join(staging, file), join(dir, file));
    }
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { dir, tarball, reinstalled: true };
}
