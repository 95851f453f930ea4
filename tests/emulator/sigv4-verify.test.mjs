// The signature verifier on its own, at fixed times: the golden vectors prove it canonicalises
// the path by encoding it twice, and the error cases pin AWS's codes and messages.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { authorizationParts, signRequest, terminatePath } from "./client-signer.mjs";
import { parseAmzDate, verifySignature } from "./sigv4-verify.mjs";

const golden = JSON.parse(readFileSync(new URL("./golden-vectors.json", import.meta.url), "utf8"));
const MISMATCH =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. " +
  "Consult the service documentation for details.";

function goldenCredentials(sessionToken) {
  return {
    accessKeyId: golden.accessKeyId,
    secretAccessKey: golden.secretAccessKey,
    ...(sessionToken && { sessionToken }),
  };
}

function signGolden(vector, overrides = {}) {
  return signRequest({
    host: golden.host,
    path: terminatePath(vector.identifier, vector.streamSessionIdentifier),
    credentials: goldenCredentials(vector.sessionToken),
    region: golden.region,
    signingDate: new Date(parseAmzDate(vector.time)),
    ...overrides,
  });
}

/** A verifier context that knows the golden key (with a token if given) at a fixed time. */
function context(nowAmzDate, { sessionToken, region = "us-west-2" } = {}) {
  const keys = new Map([[golden.accessKeyId, goldenCredentials(sessionToken)]]);
  return {
    region,
    service: "gameliftstreams",
    findCredentials: (id) => keys.get(id),
    nowMs: parseAmzDate(nowAmzDate),
  };
}

function rejectsWith(promise, code, message) {
  return assert.rejects(promise, (error) => {
    assert.equal(error.code, code);
    assert.equal(error.status, 403);
    if (message !== undefined) assert.equal(error.message, message);
    return true;
  });
}

describe("golden vectors (api-facts.md section 5)", () => {
  for (const [index, vector] of golden.vectors.entries()) {
    test(`vector ${index + 1}: SignatureV4 signs as the table says, verifier accepts`, async () => {
      const signed = await signGolden(vector);
      assert.deepEqual(authorizationParts(signed.headers.authorization), {
        signedHeaders: vector.signedHeaders,
        signature: vector.signature,
      });
      const result = await verifySignature(signed, context(vector.time, vector));
      assert.deepEqual(result, { accessKeyId: "AKIDEXAMPLE" });
    });
  }

  test("the ARN vector's wire path carries %3A and %2F, encoded once", () => {
    const vector = golden.vectors[2];
    assert.equal(terminatePath(vector.identifier, vector.streamSessionIdentifier), vector.wirePath);
  });

  test("a signature over the single-encoded path (vector 4) is refused", async () => {
    const vector = golden.vectors[3];
    const signed = await signGolden(vector);
    signed.headers.authorization = signed.headers.authorization.replace(
      vector.signature,
      vector.singleEncodedSignature,
    );
    await rejectsWith(
      verifySignature(signed, context(vector.time)),
      "InvalidSignatureException",
      MISMATCH,
    );
  });
});

describe("time window", () => {
  const vector = golden.vectors[0];

  test("10 minutes behind the server: the exact 'Signature expired' message of C8", async () => {
    await rejectsWith(
      verifySignature(await signGolden(vector), context("20250102T031405Z")),
      "InvalidSignatureException",
      "Signature expired: 20250102T030405Z is now earlier than 20250102T030905Z (20250102T031405Z - 5 min.)",
    );
  });

  test("10 minutes ahead of the server: 'Signature not yet current'", async () => {
    await rejectsWith(
      verifySignature(await signGolden(vector), context("20250102T025405Z")),
      "InvalidSignatureException",
      "Signature not yet current: 20250102T030405Z is still later than 20250102T025905Z (20250102T025405Z + 5 min.)",
    );
  });

  test("exactly 5 minutes off either way is still accepted", async () => {
    const signed = await signGolden(vector);
    assert.deepEqual(await verifySignature(signed, context("20250102T030905Z")), {
      accessKeyId: "AKIDEXAMPLE",
    });
    assert.deepEqual(await verifySignature(signed, context("20250102T025905Z")), {
      accessKeyId: "AKIDEXAMPLE",
    });
  });
});

describe("refusals before the signature is computed", () => {
  const vector = golden.vectors[0];
  const now = vector.time;

  test("no Authorization header: MissingAuthenticationTokenException", async () => {
    const signed = await signGolden(vector);
    delete signed.headers.authorization;
    await rejectsWith(
      verifySignature(signed, context(now)),
      "MissingAuthenticationTokenException",
      "Missing Authentication Token",
    );
  });

  test("Authorization without Signature: IncompleteSignatureException", async () => {
    const signed = await signGolden(vector);
    signed.headers.authorization = signed.headers.authorization.replace(/, Signature=.*$/, "");
    await rejectsWith(
      verifySignature(signed, context(now)),
      "IncompleteSignatureException",
      "The Authorization header lacks the parameter(s) Signature.",
    );
  });

  test("no x-amz-date header: IncompleteSignatureException", async () => {
    const signed = await signGolden(vector);
    delete signed.headers["x-amz-date"];
    await rejectsWith(
      verifySignature(signed, context(now)),
      "IncompleteSignatureException",
      "The request has no X-Amz-Date header to date the signature.",
    );
  });

  for (const header of ["host", "x-amz-date"]) {
    test(`SignedHeaders without ${header}: IncompleteSignatureException`, async () => {
      const signed = await signGolden(vector);
      const remaining = ["host", "x-amz-date"].filter((name) => name !== header).join(";");
      signed.headers.authorization = signed.headers.authorization.replace(
        "SignedHeaders=host;x-amz-date",
        `SignedHeaders=${remaining}`,
      );
      await rejectsWith(
        verifySignature(signed, context(now)),
        "IncompleteSignatureException",
        `'${header}' must be named in SignedHeaders.`,
      );
    });
  }

  test("scope for another region: InvalidSignatureException", async () => {
    const signed = await signGolden(vector, { region: "eu-west-1" });
    await rejectsWith(
      verifySignature(signed, context(now)),
      "InvalidSignatureException",
      "Credential should be scoped to a valid region.",
    );
  });

  test("scope for another service: InvalidSignatureException", async () => {
    const signed = await signGolden(vector, { service: "gamelift" });
    await rejectsWith(
      verifySignature(signed, context(now)),
      "InvalidSignatureException",
      "Credential should be scoped to correct service: 'gameliftstreams'.",
    );
  });

  test("scope day other than the x-amz-date day: InvalidSignatureException", async () => {
    const signed = await signGolden(vector);
    signed.headers.authorization = signed.headers.authorization.replace("/20250102/", "/20250101/");
    await rejectsWith(
      verifySignature(signed, context(now)),
      "InvalidSignatureException",
      "Date in Credential scope '20250101' is not the day of X-Amz-Date '20250102T030405Z'.",
    );
  });
});

describe("session tokens", () => {
  const plain = golden.vectors[0];
  const withToken = golden.vectors[1];
  const INVALID_TOKEN = "The security token included in the request is invalid.";

  test("a key that has a token refuses a request without it", async () => {
    const ctx = context(plain.time, { sessionToken: "EXAMPLESESSIONTOKEN" });
    await rejectsWith(
      verifySignature(await signGolden(plain), ctx),
      "UnrecognizedClientException",
      INVALID_TOKEN,
    );
  });

  test("a key that has a token refuses another token", async () => {
    const ctx = context(withToken.time, { sessionToken: "ANOTHERTOKEN" });
    await rejectsWith(
      verifySignature(await signGolden(withToken), ctx),
      "UnrecognizedClientException",
      INVALID_TOKEN,
    );
  });

  test("a key without a token refuses a request that carries one", async () => {
    await rejectsWith(
      verifySignature(await signGolden(withToken), context(withToken.time)),
      "UnrecognizedClientException",
      INVALID_TOKEN,
    );
  });

  test("a token that is sent but not signed is refused as incomplete", async () => {
    const signed = await signGolden(plain);
    signed.headers["x-amz-security-token"] = "EXAMPLESESSIONTOKEN";
    const ctx = context(plain.time, { sessionToken: "EXAMPLESESSIONTOKEN" });
    await rejectsWith(
      verifySignature(signed, ctx),
      "IncompleteSignatureException",
      "'x-amz-security-token' must be named in SignedHeaders.",
    );
  });
});

describe("signed headers beyond the minimum", () => {
  const vector = golden.vectors[0];

  test("every header named in SignedHeaders is part of the check", async () => {
    const signed = await signGolden(vector, {
      headers: { "content-type": "application/json", "x-amz-user-agent": "test/1.0" },
    });
    assert.equal(
      authorizationParts(signed.headers.authorization).signedHeaders,
      "content-type;host;x-amz-date;x-amz-user-agent",
    );
    assert.deepEqual(await verifySignature(signed, context(vector.time)), {
      accessKeyId: "AKIDEXAMPLE",
    });

    signed.headers["x-amz-user-agent"] = "test/2.0";
    await rejectsWith(
      verifySignature(signed, context(vector.time)),
      "InvalidSignatureException",
      MISMATCH,
    );
  });

  test("an unsigned header may change without breaking the signature", async () => {
    const signed = await signGolden(vector);
    signed.headers["user-agent"] = "anything";
    assert.deepEqual(await verifySignature(signed, context(vector.time)), {
      accessKeyId: "AKIDEXAMPLE",
    });
  });
});
