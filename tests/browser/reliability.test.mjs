// Issue 3's network, abort, timeout and clock-skew cases for the built package in real
// headless Chromium, in a page and in a dedicated module Worker. The page is served from one
// 127.0.0.1 port and every case's emulator listens on another, so every call is cross-origin:
// a Date header that the emulator leaves out of Access-Control-Expose-Headers (hideDate) is
// really unreadable here. Run: node --test tests/browser/reliability.test.mjs

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { launchChromium } from "../support/chromium.mjs";
import {
  collectReliabilityRuns,
  defineReliabilityTests,
} from "../support/reliability-cases.mjs";
import { serveDirectory } from "../support/static-server.mjs";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

let site;
let browser;
let pageRuns;
let workerRuns;
const pageErrors = [];

// The timeout turns a case that never settles into a failure instead of a hung run.
before(async () => {
  site = await serveDirectory(REPO_ROOT);
  browser = await launchChromium();
  const page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(String(error.stack ?? error)));
  await page.goto(`${site.url}/tests/browser/reliability.html`);
  const loaded = await page.evaluate(() => window.reliabilityLoaded);
  assert.deepEqual(loaded, { ok: true }, "the page loaded /pkg/browser.js and the cases");

  // The page, then the worker: run together, the timed cases of one would share the renderer
  // with every other case of the other.
  pageRuns = await collectReliabilityRuns("chromium", (name, ctx) =>
    page.evaluate(([n, c]) => window.runReliabilityInPage(n, c), [name, ctx]),
  );
  workerRuns = await collectReliabilityRuns("chromium", (name, ctx) =>
    page.evaluate(([n, c]) => window.runReliabilityInWorker(n, c), [name, ctx]),
  );
  await page.evaluate(() => window.stopReliabilityWorker());
}, { timeout: 60_000 });

after(async () => {
  // Each is closed even if closing the one before failed, so no server keeps the process up.
  try {
    await browser?.close();
  } finally {
    try {
      await site?.close();
    } finally {
      await Promise.allSettled([pageRuns?.close(), workerRuns?.close()]);
    }
  }
});

/** What is the same in the page and the worker. */
const CHROMIUM = {
  runtime: "chromium",
  abortLimitMs: 50,
  networkCause: { name: "TypeError", message: "Failed to fetch", constructorName: "TypeError" },
  corsHidesDate: true,
};

defineReliabilityTests("chromium page", () => pageRuns, {
  ...CHROMIUM,
  globalScope: { hasWindow: true, hasDocument: true, isDedicatedWorker: false, hasProcess: false },
});

defineReliabilityTests("chromium worker", () => workerRuns, {
  ...CHROMIUM,
  globalScope: { hasWindow: false, hasDocument: false, isDedicatedWorker: true, hasProcess: false },
});

test("chromium: no uncaught errors in the page or the worker", () => {
  assert.deepEqual(pageErrors, []);
});
