// A page with no bundler: a scratch project installed the packed tarball, and its
// index.html imports the package by name through an import map inside a plain
// <script type="module">. Served from one 127.0.0.1 port, it calls the emulator on another.
// Run: node --test tests/consumers/plain-page.test.mjs (after `npm run build`)

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import * as admin from "../emulator/admin.mjs";
import { SEED_STREAM_GROUP_ID } from "../emulator/emulator.mjs";
import { launchChromium } from "../support/chromium.mjs";
import { terminatePath, UUID } from "../support/expectations.mjs";
import { DEMO_CREDENTIALS, startTestEmulator, withRequestLog } from "../support/fixtures.mjs";
import { serveDirectory } from "../support/static-server.mjs";
import { installConsumer } from "./support/packed-package.mjs";
import { closeAll } from "../support/close-all.mjs";

const UNKNOWN_SESSION = "NoSuchSession0003";
const PACKAGE_PATH = "/node_modules/gameliftstreams-wasm/pkg";

let emulator;
let site;
let browser;
let page;
const pageErrors = [];

before(async () => {
  const project = await installConsumer("plain-page");
  emulator = await startTestEmulator();
  site = await serveDirectory(project.dir);
  browser = await launchChromium();
  page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  await page.goto(`${site.url}/index.html`);
  await page.waitForSelector("body[data-ready=true]");
}, { timeout: 60_000 });

after(async () => {
  await closeAll(browser, site, emulator);
});

/** `$metadata` of a call answered on its first attempt. */
function firstAttempt(httpStatusCode, requestId) {
  return {
    httpStatusCode,
    requestId,
    extendedRequestId: undefined,
    cfId: undefined,
    attempts: 1,
    totalRetryDelay: 0,
  };
}

/** Calls the page's terminate() for one session and resolves what it returned. */
function terminateInPage(session) {
  return page.evaluate((options) => window.terminate(options), {
    endpoint: emulator.url,
    credentials: { ...DEMO_CREDENTIALS },
    streamGroup: SEED_STREAM_GROUP_ID,
    session,
  });
}

test("plain page: terminates a session: HTTP 204 and the emulator's request id", async () => {
  const { id } = await admin.createStreamSession(emulator.url, SEED_STREAM_GROUP_ID);
  const { value: result, requests } = await withRequestLog(emulator.url, () => terminateInPage(id));
  const calls = requests.filter((entry) => entry.method === "DELETE");
  assert.deepEqual(
    calls.map((entry) => `${entry.path} ${entry.status}`),
    [`${terminatePath(SEED_STREAM_GROUP_ID, id)} 204`],
  );
  assert.match(calls[0].requestId, UUID);
  assert.deepEqual(result, {
    terminated: true,
    $metadata: firstAttempt(204, calls[0].requestId),
  });
  const session = await admin.getStreamSession(emulator.url, SEED_STREAM_GROUP_ID, id);
  assert.equal(session.status, "TERMINATING");
});

test("plain page: an unknown session rejects with ResourceNotFoundException", async () => {
  const { value: result, requests } = await withRequestLog(emulator.url, () =>
    terminateInPage(UNKNOWN_SESSION),
  );
  const calls = requests.filter((entry) => entry.method === "DELETE");
  assert.equal(calls.length, 1);
  assert.equal(calls[0].status, 404);
  assert.deepEqual(result, {
    terminated: false,
    name: "ResourceNotFoundException",
    isResourceNotFoundException: true,
    message:
      `Stream session '${UNKNOWN_SESSION}' was not found in stream group ` +
      `'${SEED_STREAM_GROUP_ID}'.`,
    $metadata: firstAttempt(404, calls[0].requestId),
  });
});

test("plain page: the import map loaded the browser entry and its wasm from node_modules", () => {
  const served = site.log.map(({ path, status, type }) => ({ path, status, type }));
  const ofPackage = served.filter((entry) => entry.path.startsWith(PACKAGE_PATH));
  const byPath = Object.fromEntries(ofPackage.map((entry) => [entry.path, entry]));
  assert.deepEqual(byPath[`${PACKAGE_PATH}/browser.js`], {
    path: `${PACKAGE_PATH}/browser.js`,
    status: 200,
    type: "text/javascript",
  });
  assert.deepEqual(byPath[`${PACKAGE_PATH}/wasm/gameliftstreams_bg.wasm`], {
    path: `${PACKAGE_PATH}/wasm/gameliftstreams_bg.wasm`,
    status: 200,
    type: "application/wasm",
  });
  for (const entry of ofPackage) assert.equal(entry.status, 200, entry.path);
  assert.equal(byPath[`${PACKAGE_PATH}/node.js`], undefined, "the Node entry is never fetched");
  assert.equal(byPath[`${PACKAGE_PATH}/workerd.js`], undefined, "nor the Workers entry");
});

test("plain page: no uncaught error", () => {
  assert.deepEqual(pageErrors, []);
});
