// A Vite app, as a user builds it: a scratch project that installed the packed tarball is
// built for production with `vite build` (no config file), its dist/ is served on one
// 127.0.0.1 port, and headless Chromium drives the page against the emulator on another.
// Run: node --test tests/consumers/vite.test.mjs (after `npm run build`)

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import * as admin from "../emulator/admin.mjs";
import { SEED_STREAM_GROUP_ID } from "../emulator/emulator.mjs";
import { launchChromium } from "../support/chromium.mjs";
import { terminatePath, UUID } from "../support/expectations.mjs";
import { DEMO_CREDENTIALS, startTestEmulator, withRequestLog } from "../support/fixtures.mjs";
import { serveDirectory } from "../support/static-server.mjs";
import { installConsumer, REPO_ROOT } from "./support/packed-package.mjs";
import { closeAll } from "../support/close-all.mjs";

const execFileAsync = promisify(execFile);
const VITE = join(REPO_ROOT, "node_modules", ".bin", "vite");
const UNKNOWN_SESSION = "NoSuchSession0002";

let project;
let dist;
let emulator;
let site;
let browser;
let page;
const pageErrors = [];

before(async () => {
  project = await installConsumer("vite-app");
  await execFileAsync(VITE, ["build", "--logLevel", "warn"], { cwd: project.dir });
  dist = join(project.dir, "dist");
  emulator = await startTestEmulator();
  site = await serveDirectory(dist);
  browser = await launchChromium();
  page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  await page.goto(`${site.url}/`);
}, { timeout: 120_000 });

after(async () => {
  await closeAll(browser, site, emulator);
});

/** Fills the app's form like a user, submits it, and resolves the outcome it shows. */
async function terminateInApp(session) {
  await page.fill("input[name=endpoint]", emulator.url);
  await page.fill("input[name=accessKeyId]", DEMO_CREDENTIALS.accessKeyId);
  await page.fill("input[name=secretAccessKey]", DEMO_CREDENTIALS.secretAccessKey);
  await page.fill("input[name=streamGroup]", SEED_STREAM_GROUP_ID);
  await page.fill("input[name=session]", session);
  await page.click("button[type=submit]");
  await page.waitForSelector("#outcome:is([data-state=terminated], [data-state=failed])");
  return page.$eval("#outcome", (node) => ({ state: node.dataset.state, text: node.textContent }));
}

function assetsOf(extension) {
  return readdirSync(join(dist, "assets")).filter((name) => name.endsWith(extension));
}

test("vite: the production build emits the package's wasm binary as one hashed asset", () => {
  const wasm = assetsOf(".wasm");
  assert.equal(wasm.length, 1, `assets: ${wasm}`);
  assert.match(wasm[0], /^gameliftstreams_bg-[\w-]+\.wasm$/);
  const digest = (path) => createHash("sha256").update(readFileSync(path)).digest("hex");
  assert.equal(
    digest(join(dist, "assets", wasm[0])),
    digest(join(project.dir, "node_modules/gameliftstreams-wasm/pkg/wasm/gameliftstreams_bg.wasm")),
  );
});

test("vite: the bundle took the browser entry, with nothing of the Node or Workers one", () => {
  const scripts = assetsOf(".js").map((name) => readFileSync(join(dist, "assets", name), "utf8"));
  const bundle = scripts.join("\n");
  assert.doesNotMatch(bundle, /node:fs|readFileSync/);
  assert.doesNotMatch(bundle, /import \w+ from ["'][^"']*\.wasm["']/);
  assert.match(bundle, /gameliftstreams_bg-[\w-]+\.wasm/);
});

test("vite: the app terminates a session: HTTP 204 and the emulator's request id", async () => {
  const { id } = await admin.createStreamSession(emulator.url, SEED_STREAM_GROUP_ID);
  const { value: outcome, requests } = await withRequestLog(emulator.url, () => terminateInApp(id));
  const calls = requests.filter((entry) => entry.method === "DELETE");
  assert.equal(calls.length, 1);
  assert.equal(calls[0].path, terminatePath(SEED_STREAM_GROUP_ID, id));
  assert.equal(calls[0].status, 204);
  assert.match(calls[0].requestId, UUID);
  assert.deepEqual(outcome, {
    state: "terminated",
    text: `Terminated ${id}: HTTP 204, request id ${calls[0].requestId}, attempts 1`,
  });
  const session = await admin.getStreamSession(emulator.url, SEED_STREAM_GROUP_ID, id);
  assert.equal(session.status, "TERMINATING");
});

test("vite: an unknown session shows the typed ResourceNotFoundException", async () => {
  const { value: outcome, requests } = await withRequestLog(emulator.url, () =>
    terminateInApp(UNKNOWN_SESSION),
  );
  const calls = requests.filter((entry) => entry.method === "DELETE");
  assert.equal(calls.length, 1);
  assert.equal(calls[0].status, 404);
  assert.deepEqual(outcome, {
    state: "failed",
    text:
      "ResourceNotFoundException (ResourceNotFoundException): " +
      `Stream session '${UNKNOWN_SESSION}' was not found in stream group ` +
      `'${SEED_STREAM_GROUP_ID}'. HTTP 404, request id ${calls[0].requestId}, attempts 1`,
  });
});

test("vite: the wasm asset was served as application/wasm, and the page threw nothing", () => {
  const wasm = site.log.filter((entry) => entry.path.endsWith(".wasm"));
  assert.deepEqual(
    wasm.map(({ path, status, type }) => ({ path, status, type })),
    [{ path: `/assets/${assetsOf(".wasm")[0]}`, status: 200, type: "application/wasm" }],
  );
  assert.deepEqual(pageErrors, []);
});
