// Sizes of a file as served: raw, gzip -9 and brotli 11. gzip is GNU gzip itself (`gzip -9 -n`,
// present on every Debian machine), because zlib's level 9 comes out a few per cent larger on
// wasm and the figures should be those a reader gets with the command line. Brotli is Node's
// zlib binding at quality 11 with the CLI's 16 MiB window, which matches `brotli -q 11` to
// within a byte or two and needs no extra tool.
import { execFileSync } from "node:child_process";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

let gzipCli;

function gzipLength(buffer) {
  if (gzipCli !== false) {
    try {
      const out = execFileSync("gzip", ["-9", "-n", "-c"], {
        input: buffer,
        maxBuffer: 256 * 1024 * 1024,
        stdio: ["pipe", "pipe", "ignore"],
      });
      gzipCli = true;
      return out.length;
    } catch {
      gzipCli = false;
    }
  }
  return gzipSync(buffer, { level: 9 }).length;
}

/** Which gzip produced the figures: "gzip -9 -n" or "zlib level 9" when no gzip is on PATH. */
export function gzipMethod() {
  return gzipCli === false ? "zlib level 9" : "gzip -9 -n";
}

export function sizesOf(bytes) {
  const buffer = Buffer.from(bytes);
  return {
    raw: buffer.length,
    gzip: gzipLength(buffer),
    brotli: brotliCompressSync(buffer, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    }).length,
  };
}

export function addSizes(a, b) {
  return { raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli };
}
