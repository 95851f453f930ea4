// The demo console (www/), served as `npm start` serves it, driven in headless Chromium like
// an operator: fill in the connection, read the emulator's sessions, press Terminate, and
// read the outcome. Saves a screenshot to tests/.artifacts/console.png, and to
// docs/console.png (the README's) when UPDATE_SCREENSHOTS=1.
// Run: node --test tests/consumers/console.test.mjs (after `npm run build`)

import assert from "node:assert/strict";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import * as admin from "../emulator/admin.mjs";
import { SEED_ACTIVATING_SESSION_ID, SEED_STREAM_GROUP_ID } from "../emulator/emulator.mjs";
import { launchChromium } from "../support/chromium.mjs";
import { terminatePath, UUID } from "../support/expectations.mjs";
import { DEMO_CREDENTIALS, startTestEmulator, withRequestLog } from "../support/fixtures.mjs";
import { serveConsole } from "../../scripts/serve-console.mjs";
import { REPO_ROOT } from "./support/packed-package.mjs";
import { closeAll } from "../support/close-all.mjs";

const UNKNOWN_SESSION = "NoSuchSession0005";
const SCREENSHOT = join(REPO_ROOT, "tests", ".artifacts", "console.png");
const README_SCREENSHOT = join(REPO_ROOT, "docs", "console.png");

let emulator;
let site;
let browser;
let page;
let fresh;
const pageErrors = [];

before(async () => {
  // Long enough to see TERMINATING in the list, short enough to wait for TERMINATED.
  emulator = await startTestEmulator({ terminateDelayMs: 1500 });
  fresh = await admin.createStreamSession(emulator.url, SEED_STREAM_GROUP_ID);
  site = await serveConsole({
    demo: {
      region: "us-west-2",
      endpoint: emulator.url,
      credentials: { ...DEMO_CREDENTIALS },
      streamGroupId: SEED_STREAM_GROUP_ID,
    },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  await page.goto(site.url);
  await page.waitForSelector("body[data-ready=true]");
}, { timeout: 60_000 });

after(async () => {
  await closeAll(browser, site, emulator);
});

function row(session) {
  return `#sessions tr[data-stream-group="${SEED_STREAM_GROUP_ID}"][data-session="${session}"]`;
}

async function statusIn(session) {
  return page.textContent(`${row(session)} .status`);
}

/** The outcome panel once call number `call` has ended: its state and every field. */
async function outcomeOf(call) {
  const selector = `#outcome[data-call="${call}"]:is([data-state=terminated], [data-state=failed])`;
  await page.waitForSelector(selector);
  return page.$eval("#outcome", (panel) => ({
    state: panel.dataset.state,
    headline: panel.querySelector(".headline").textContent,
    fields: Object.fromEntries(
      [...panel.querySelectorAll("dd")].map((dd) => [dd.dataset.field, dd.textContent]),
    ),
  }));
}

test("console: the emulator button fills in the connection, the secret included", async () => {
  await page.click("#use-emulator");
  const values = await page.$eval("#connection", (form) =>
    Object.fromEntries(new FormData(form)),
  );
  assert.deepEqual(values, {
    region: "us-west-2",
    endpoint: emulator.url,
    accessKeyId: DEMO_CREDENTIALS.accessKeyId,
    secretAccessKey: DEMO_CREDENTIALS.secretAccessKey,
    sessionToken: "",
  });
  assert.equal(await page.inputValue("#terminate input[name=streamGroup]"), SEED_STREAM_GROUP_ID);
  const secretType = await page.getAttribute("#connection input[name=secretAccessKey]", "type");
  assert.equal(secretType, "password");
});

test("console: typed settings are used as they are, and nothing is stored", async () => {
  await page.fill("#connection input[name=endpoint]", "");
  await page.fill("#connection input[name=accessKeyId]", "");
  await page.fill("#connection input[name=secretAccessKey]", "");
  await page.fill("#connection input[name=region]", "us-west-2");
  await page.fill("#connection input[name=endpoint]", emulator.url);
  await page.fill("#connection input[name=accessKeyId]", DEMO_CREDENTIALS.accessKeyId);
  await page.fill("#connection input[name=secretAccessKey]", DEMO_CREDENTIALS.secretAccessKey);
  await page.dispatchEvent("#connection input[name=endpoint]", "change");
  const stored = await page.evaluate(() => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, cookie: "" });
});

test("console: lists every emulator session with its status", async () => {
  await page.waitForSelector(row(fresh.id));
  const shown = await page.$$eval("#sessions tbody tr", (trs) =>
    trs.map((tr) => [
      tr.dataset.streamGroup,
      tr.dataset.session,
      tr.querySelector(".status").textContent,
    ]),
  );
  const sessions = await admin.listStreamSessions(emulator.url);
  assert.deepEqual(
    shown,
    sessions.map((session) => [session.streamGroupId, session.id, session.status]),
  );
  assert.equal(await statusIn(fresh.id), "ACTIVE");
  assert.equal(await statusIn(SEED_ACTIVATING_SESSION_ID), "ACTIVATING");
});

test("console: Terminate gives 204 and a request id; TERMINATING, then TERMINATED", async () => {
  const { value: outcome, requests } = await withRequestLog(emulator.url, async () => {
    await page.click(`${row(fresh.id)} button`);
    return outcomeOf(1);
  });
  const call = requests.find((entry) => entry.method === "DELETE");
  assert.equal(call.path, terminatePath(SEED_STREAM_GROUP_ID, fresh.id));
  assert.match(call.requestId, UUID);
  assert.deepEqual(outcome, {
    state: "terminated",
    headline: `Terminated ${fresh.id}`,
    fields: {
      session: `${SEED_STREAM_GROUP_ID} / ${fresh.id}`,
      status: "204",
      requestId: call.requestId,
      attempts: "1",
    },
  });
  await page.waitForFunction(
    (selector) => document.querySelector(selector)?.textContent === "TERMINATING",
    `${row(fresh.id)} .status`,
  );
  await page.waitForFunction(
    (selector) => document.querySelector(selector)?.textContent === "TERMINATED",
    `${row(fresh.id)} .status`,
    { timeout: 10_000 },
  );
  assert.equal(await page.isDisabled(`${row(fresh.id)} button`), true);
});

test("console: an unknown session shows ResourceNotFoundException with its fields", async () => {
  const { value: outcome, requests } = await withRequestLog(emulator.url, async () => {
    await page.fill("#terminate input[name=session]", UNKNOWN_SESSION);
    await page.click("#terminate button[type=submit]");
    return outcomeOf(2);
  });
  const call = requests.find((entry) => entry.method === "DELETE");
  assert.equal(call.status, 404);
  assert.deepEqual(outcome, {
    state: "failed",
    headline: `${UNKNOWN_SESSION} was not terminated`,
    fields: {
      session: `${SEED_STREAM_GROUP_ID} / ${UNKNOWN_SESSION}`,
      errorClass: "ResourceNotFoundException",
      name: "ResourceNotFoundException",
      message:
        `Stream session '${UNKNOWN_SESSION}' was not found in stream group ` +
        `'${SEED_STREAM_GROUP_ID}'.`,
      status: "404",
      requestId: call.requestId,
      attempts: "1",
    },
  });
});

test("console: a malformed ID is refused before sending: InputValidationError", async () => {
  const { value: outcome, requests } = await withRequestLog(emulator.url, async () => {
    await page.fill("#terminate input[name=session]", "..");
    await page.click("#terminate button[type=submit]");
    return outcomeOf(3);
  });
  assert.deepEqual(requests, []);
  assert.equal(outcome.state, "failed");
  assert.equal(outcome.fields.errorClass, "GameLiftStreamsClientError");
  assert.equal(outcome.fields.name, "InputValidationError");
  assert.equal(outcome.fields.status, "none (nothing was sent)");
  assert.equal(outcome.fields.requestId, "none");
  assert.equal(outcome.fields.attempts, "0");
});

test("console: an ACTIVATING session shows ValidationException, 400, and stays", async () => {
  const { value: outcome, requests } = await withRequestLog(emulator.url, async () => {
    await page.click(`${row(SEED_ACTIVATING_SESSION_ID)} button`);
    return outcomeOf(4);
  });
  const call = requests.find((entry) => entry.method === "DELETE");
  assert.equal(call.status, 400);
  assert.deepEqual(outcome, {
    state: "failed",
    headline: `${SEED_ACTIVATING_SESSION_ID} was not terminated`,
    fields: {
      session: `${SEED_STREAM_GROUP_ID} / ${SEED_ACTIVATING_SESSION_ID}`,
      errorClass: "ValidationException",
      name: "ValidationException",
      message:
        `Stream session '${SEED_ACTIVATING_SESSION_ID}' is ACTIVATING and cannot be ` +
        "terminated until it is ACTIVE.",
      status: "400",
      requestId: call.requestId,
      attempts: "1",
    },
  });
  assert.equal(await statusIn(SEED_ACTIVATING_SESSION_ID), "ACTIVATING");
  assert.equal(await page.isDisabled(`${row(SEED_ACTIVATING_SESSION_ID)} button`), false);

  await page.fill("#terminate input[name=session]", "");
  await page.locator("#terminate input[name=session]").blur();
  mkdirSync(join(REPO_ROOT, "tests", ".artifacts"), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS === "1") {
    mkdirSync(join(REPO_ROOT, "docs"), { recursive: true });
    copyFileSync(SCREENSHOT, README_SCREENSHOT);
  }
});

test("console: no uncaught error in the page", () => {
  assert.deepEqual(pageErrors, []);
});
