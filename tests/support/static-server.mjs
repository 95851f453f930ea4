// Serves a directory over HTTP on 127.0.0.1 so a browser can load the built package and the
// test pages from a real origin, distinct from the emulator's.

import http from "node:http";
import sirv from "sirv";

/**
 * Serves `root` on a free port. Every request is logged, so a test can show which files the
 * browser fetched and with what status and content type.
 *
 * @param {string} root an absolute directory path
 * @returns {Promise<{url: string, log: Array<{path: string, status: number, type: string}>,
 *   close(): Promise<void>}>}
 */
export async function serveDirectory(root) {
  const serve = sirv(root, { dev: true, dotfiles: false });
  const log = [];
  const server = http.createServer((req, res) => {
    // sirv passes its headers to writeHead, where getHeader() cannot see them afterwards.
    let type = "";
    const writeHead = res.writeHead;
    res.writeHead = function (status, ...rest) {
      const headers = rest.find((arg) => arg && typeof arg === "object") ?? {};
      type = String(headers["Content-Type"] ?? res.getHeader("content-type") ?? "");
      return writeHead.call(this, status, ...rest);
    };
    res.on("finish", () => log.push({ path: req.url, status: res.statusCode, type }));
    serve(req, res, () => {
      res.statusCode = 404;
      res.setHeader("content-type", "text/plain; charset=utf-8");
      res.end("not found\n");
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
