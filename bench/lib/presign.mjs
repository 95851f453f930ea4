// The floor's request and the clients' configuration, shared by run.mjs and instructions.mjs.
import { signRequest, terminatePath } from "../../tests/emulator/client-signer.mjs";
import { DEMO_CREDENTIALS } from "../../tests/emulator/emulator.mjs";
import { GROUP_ID, REGION, SESSION_ID } from "./common.mjs";

/** The floor's request to the emulator at `emulatorUrl`, signed now: `{url, headers}`. The
 * emulator accepts the signature for 5 minutes. */
export async function presign(emulatorUrl) {
  const path = terminatePath(GROUP_ID, SESSION_ID);
  const signed = await signRequest({
    host: new URL(emulatorUrl).host,
    path,
    credentials: DEMO_CREDENTIALS,
    region: REGION,
  });
  const { host, ...headers } = signed.headers;
  return { url: `${emulatorUrl}${path}`, headers };
}

/** What every client is made with (bench/clients/*.mjs `create(config)`), presigned now. */
export async function clientConfig(emulatorUrl) {
  return {
    region: REGION,
    credentials: { ...DEMO_CREDENTIALS },
    endpoint: emulatorUrl,
    presigned: await presign(emulatorUrl),
  };
}
