// Keepalive teardown in real Chromium: a page arms a `pagehide` handler that terminates the
// player's stream session with `{ keepalive: true }`, then the tab is closed while the
// browser stays open. The emulator must see the DELETE arrive after the page is gone.
//
// The emulator holds each preflight back for PREFLIGHT_DELAY_MS, so the DELETE can only be
// sent once the page has closed: only a keepalive request survives that. The same page
// without keepalive is the control, and its DELETE never comes.
// Run: node --test tests/consumers/keepalive.test.mjs (after `npm run build`)

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import * as admin from "../emulator/admin.mjs";
import { SEED_STREAM_GROUP_ID } from "../emulator/emulator.mjs";
import { launchChromium } from "../support/chromium.mjs";
import { terminatePath, UUID } from "../support/expectations.mjs";
import { DEMO_CREDENTIALS, startTestEmulator } from "../support/fixtures.mjs";
import { serveDirectory } from "../support/static-server.mjs";
import { installConsumer } from "./support/packed-package.mjs";
import { closeAll } from "../support/close-all.mjs";

const PREFLIGHT_DELAY_MS = 1000;

let emulator;
let site;
let browser;
let context;

before(async () => {
  const project = await installConsumer("plain-page");
  emulator = await startTestEmulator();
  site = await serveDirectory(project.dir);
  browser = await launchChromium();
  // Pages come from one long-lived context: Playwright's browser.newPage() gives each page a
  // context of its own and ends it with the page, which would also end its keepalive requests.
  context = await browser.newContext();
}, { timeout: 60_000 });

after(async () => {
  await closeAll(browser, site, emulator);
});

/**
 * Opens teardown.html for a fresh ACTIVE session, arms its pagehide handler, holds the
 * preflight back, and closes the tab. Resolves the session, and when the close finished.
 */
async function closeArmedPage({ keepalive }) {
  const { id } = await admin.createStreamSession(emulator.url, SEED_STREAM_GROUP_ID);
  const page = await context.newPage();
  await page.goto(`${site.url}/teardown.html`);
  await page.waitForSelector("body[data-ready=true]");
  await page.evaluate((options) => window.armTeardown(options), {
    endpoint: emulator.url,
    credentials: { ...DEMO_CREDENTIALS },
    streamGroup: SEED_STREAM_GROUP_ID,
    session: id,
    keepalive,
  });
  await admin.setFaults(emulator.url, [
    { kind: "delay", ms: PREFLIGHT_DELAY_MS, match: { method: "OPTIONS", pathIncludes: id } },
  ]);
  await page.close();
  return { id, closedAt: Date.now() };
}

/** The logged requests for one session, once `done` holds for them or 5 seconds passed. */
async function requestsFor(id, done) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const requests = (await admin.listRequests(emulator.url)).filter((entry) =>
      entry.path.includes(id),
    );
    if (done(requests) || Date.now() > deadline) return requests;
    await sleep(50);
  }
}

test("keepalive: closing the tab terminates the session, after the page is gone", async () => {
  const { id, closedAt } = await closeArmedPage({ keepalive: true });
  const requests = await requestsFor(id, (log) =>
    log.some((entry) => entry.method === "DELETE" && entry.status !== undefined),
  );
  const path = terminatePath(SEED_STREAM_GROUP_ID, id);
  assert.deepEqual(
    requests.map((entry) => `${entry.method} ${entry.path} ${entry.status}`),
    [`OPTIONS ${path} 204`, `DELETE ${path} 204`],
  );
  const [, call] = requests;
  assert.match(call.requestId, UUID);
  assert.equal(call.headers["sec-fetch-mode"], "cors");
  assert.ok(
    Date.parse(call.time) >= closedAt,
    `the DELETE came at ${call.time}, the tab closed at ${new Date(closedAt).toISOString()}`,
  );
  const session = await admin.getStreamSession(emulator.url, SEED_STREAM_GROUP_ID, id);
  assert.equal(session.status, "TERMINATING");
});

test("keepalive: without it, the same request dies with the page (control)", async () => {
  const { id } = await closeArmedPage({ keepalive: false });
  const preflightDone = (log) =>
    log.some((entry) => entry.method === "OPTIONS" && entry.status !== undefined);
  await requestsFor(id, preflightDone);
  // Time for a DELETE to arrive, had the browser sent one after the preflight.
  await sleep(500);
  const requests = await requestsFor(id, () => true);
  assert.deepEqual(requests.map((entry) => entry.method), ["OPTIONS"]);
  const session = await admin.getStreamSession(emulator.url, SEED_STREAM_GROUP_ID, id);
  assert.equal(session.status, "ACTIVE");
});
