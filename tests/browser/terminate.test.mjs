// The built package in real headless Chromium, in a page and in a dedicated module Worker,
// against the local emulator. The page is served from one 127.0.0.1 port and the emulator
// listens on another, so every call is cross-origin and needs a CORS preflight (case C9).
// Run: node --test tests/browser/

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { runAndCollect, startTestEmulator } from "../support/fixtures.mjs";
import { launchChromium } from "../support/chromium.mjs";
import { defineScenarioTests } from "../support/expectations.mjs";
import { serveDirectory } from "../support/static-server.mjs";
import { closeAll } from "../support/close-all.mjs";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

let emulator;
let site;
let browser;
let pageRun;
let workerRun;
/** Uncaught errors in the page or its worker, and console messages of type "error". */
const pageErrors = [];
const consoleErrors = [];

// The timeout turns a runtime that never answers into a failure instead of a hung run.
before(async () => {
  emulator = await startTestEmulator();
  site = await serveDirectory(REPO_ROOT);
  browser = await launchChromium();
  const page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(String(error.stack ?? error)));
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });

  await page.goto(`${site.url}/tests/browser/page.html`);
  const loaded = await page.evaluate(() => window.harnessLoaded);
  assert.deepEqual(loaded, { ok: true }, "the page loaded /pkg/browser.js and the scenarios");

  pageRun = await runAndCollect(emulator.url, (options) =>
    page.evaluate((o) => window.runInPage(o), options),
  );
  workerRun = await runAndCollect(emulator.url, (options) =>
    page.evaluate((o) => window.runInWorker(o), options),
  );
}, { timeout: 120_000 });

after(async () => {
  // Each is closed even if closing the one before failed, so no server keeps the process up.
  await closeAll(browser, site, emulator);
});

test("chromium: the page and the emulator are on different origins", () => {
  const pageOrigin = new URL(site.url).origin;
  const emulatorOrigin = new URL(emulator.url).origin;
  assert.notEqual(pageOrigin, emulatorOrigin);
});

test("chromium: the wasm binary was fetched from /pkg/wasm/ as application/wasm", () => {
  const wasm = site.log.filter((e) => e.path === "/pkg/wasm/gameliftstreams_bg.wasm");
  assert.ok(wasm.length >= 1, `served: ${JSON.stringify(site.log)}`);
  for (const entry of wasm) {
    assert.equal(entry.status, 200);
    assert.equal(entry.type, "application/wasm");
  }
});

defineScenarioTests("chromium page", () => pageRun, {
  runtime: { hasWindow: true, hasDocument: true, isDedicatedWorker: false, hasProcess: false },
  pageOrigin: () => new URL(site.url).origin,
});

defineScenarioTests("chromium worker", () => workerRun, {
  runtime: { hasWindow: false, hasDocument: false, isDedicatedWorker: true, hasProcess: false },
  pageOrigin: () => new URL(site.url).origin,
});

test("chromium: no uncaught errors in the page or the worker", () => {
  assert.deepEqual(pageErrors, []);
});

test("chromium: console errors are only the network lines of the 403 and 404", () => {
  // Chromium itself logs every 4xx/5xx answer to fetch as a console error; those two are
  // expected, once per run (page and worker). Anything else logged as an error fails here.
  const networkLine = /^Failed to load resource: the server responded with a status of (\d{3}) /;
  const statuses = [];
  const unexpected = [];
  for (const text of consoleErrors) {
    const match = networkLine.exec(text);
    if (match) statuses.push(Number(match[1]));
    else unexpected.push(text);
  }
  assert.deepEqual(unexpected, []);
  assert.ok(
    statuses.every((status) => status === 403 || status === 404),
    `network errors logged: ${statuses.join(", ")}`,
  );
});
