// Launches Debian's Chromium through playwright-core for the browser suite. Playwright never
// downloads a browser here: it drives the system binary. The flags are the ones this network
// needs (docs/toolchain.md, trap 12): Chromium's own background connections are refused, so
// they are switched off rather than left to time out.

import { access, constants } from "node:fs/promises";
import { chromium } from "playwright-core";

/** Where Debian's `chromium` package installs its launcher. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Flags for a quiet headless Chromium that makes no background connections. */
export const CHROMIUM_ARGS = Object.freeze([
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]);

/**
 * Starts headless Chromium. Playwright's `launch` gives every browser a fresh temporary
 * profile (it refuses a `--user-data-dir` flag and deletes the profile on close), which is
 * the fresh user-data-dir the flags above call for.
 *
 * @throws {Error} when /usr/bin/chromium is missing, naming the package to install
 */
export async function launchChromium() {
  try {
    await access(CHROMIUM_PATH, constants.X_OK);
  } catch {
    throw new Error(
      `${CHROMIUM_PATH} is missing or not executable; install it with ` +
        "`apt-get install -y chromium` (the browser suite never downloads a browser)",
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}
