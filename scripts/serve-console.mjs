// Serves the demo console: www/ at the root and the built package at /pkg/, on 127.0.0.1.
// With `demo` settings (what `npm start` passes: the local emulator's endpoint and its
// public demo key), /demo.json offers them to the page's "Fill in the local emulator" button.
import http from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import sirv from "sirv";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * @param {object} [options]
 * @param {number} [options.port] 0 (the default) picks a free port
 * @param {{region: string, endpoint: string, credentials: object, streamGroupId: string}}
 *   [options.demo] served as /demo.json when given
 * @returns {Promise<{url: string, close(): Promise<void>}>}
 */
export async function serveConsole({ port = 0, demo } = {}) {
  const www = sirv(join(root, "www"), { dev: true });
  const pkg = sirv(join(root, "pkg"), { dev: true });
  const server = http.createServer((req, res) => {
    const notFound = () => {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("not found\n");
    };
    const path = req.url.split("?")[0];
    if (path === "/demo.json") {
      if (!demo) return notFound();
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      return res.end(JSON.stringify(demo));
    }
    if (path.startsWith("/pkg/")) {
      req.url = req.url.slice("/pkg".length);
      return pkg(req, res, notFound);
    }
    return www(req, res, notFound);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
