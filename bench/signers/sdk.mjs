// Signing only, the way the SDK's browser build signs: @smithy/signature-v4 with the
// WebCrypto SHA-256 of @smithy/core/checksum (the "browser" condition) and path escaping on,
// as AwsSdkSigV4Signer configures it. The request carries the headers the SDK's browser
// build adds before signing (seen in the emulator's request log), so as many are signed.
import { Sha256 } from "@smithy/core/checksum";
import { HttpRequest } from "@smithy/core/protocols";
import { SignatureV4 } from "@smithy/signature-v4";

// What the SDK's browser build (3.1138.0) sent to the emulator besides host and the headers
// the signer adds itself (x-amz-date, x-amz-content-sha256, authorization).
const SDK_HEADERS = {
  "x-amz-user-agent":
    "aws-sdk-js/3.1138.0 ua/2.1 os/other lang/js md/browser#unknown_unknown " +
    "api/gameliftstreams#3.1138.0 m/N,E,e",
  "amz-sdk-invocation-id": "c7fafa32-d942-49cb-97f5-87b3118042e1",
  "amz-sdk-request": "attempt=1; max=3",
};

export function createSigner({ region, credentials, endpoint }) {
  const signer = new SignatureV4({
    credentials,
    region,
    service: "gameliftstreams",
    sha256: Sha256,
    uriEscapePath: true,
  });
  const base = new URL(endpoint);
  const prefix = base.pathname.replace(/\/+$/, "");
  return async (group, session) => {
    const request = new HttpRequest({
      method: "DELETE",
      protocol: base.protocol,
      hostname: base.hostname,
      port: base.port ? Number(base.port) : undefined,
      path:
        `${prefix}/streamgroups/${encodeURIComponent(group)}` +
        `/streamsessions/${encodeURIComponent(session)}`,
      headers: { ...SDK_HEADERS, host: base.host },
    });
    const signed = await signer.sign(request, { signingDate: new Date() });
    const url = `${base.origin}${signed.path}`;
    const headers = { ...signed.headers };
    delete headers.host;
    return { url, headers };
  };
}
