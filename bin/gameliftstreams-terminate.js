#!/usr/bin/env node
// gameliftstreams-terminate: terminates one Amazon GameLift Streams stream session.
// Credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN; the
// region from --region, else AWS_REGION. Exit codes: 0 terminated, 1 the call failed,
// 2 the command line was wrong.
import { parseArgs } from "node:util";
import { GameLiftStreamsClient } from "../pkg/node.js";

const usage = `Usage: gameliftstreams-terminate --stream-group ID|ARN --session ID|ARN
                                 [--region REGION] [--endpoint URL]

Terminates a stream session of Amazon GameLift Streams (TerminateStreamSession).
Credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (optional).
Region: --region, else AWS_REGION.`;

function fail(message) {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      "stream-group": { type: "string" },
      session: { type: "string" },
      region: { type: "string" },
      endpoint: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  fail(error.message);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
if (values["stream-group"] === undefined) fail("--stream-group is required");
if (values.session === undefined) fail("--session is required");

// An empty variable counts as unset, as the AWS CLI treats it.
const env = (name) => process.env[name] || undefined;
const client = new GameLiftStreamsClient({
  region: values.region ?? env("AWS_REGION"),
  endpoint: values.endpoint,
  credentials: {
    accessKeyId: env("AWS_ACCESS_KEY_ID"),
    secretAccessKey: env("AWS_SECRET_ACCESS_KEY"),
    sessionToken: env("AWS_SESSION_TOKEN"),
  },
});

try {
  const { $metadata } = await client.terminateStreamSession({
    Identifier: values["stream-group"],
    StreamSessionIdentifier: values.session,
  });
  process.stdout.write(
    `Terminated stream session ${values.session} (HTTP ${$metadata.httpStatusCode}, ` +
      `request id ${$metadata.requestId ?? "none"})\n`,
  );
} catch (error) {
  const lines = [`${error.name}: ${error.message}`];
  const metadata = error.$metadata ?? {};
  if (metadata.httpStatusCode !== undefined) lines.push(`  status:     ${metadata.httpStatusCode}`);
  if (metadata.requestId !== undefined) lines.push(`  request id: ${metadata.requestId}`);
  if (error.field !== undefined) lines.push(`  field:      ${error.field}`);
  if (error.cause?.message) lines.push(`  cause:      ${error.cause.message}`);
  process.stderr.write(`${lines.join("\n")}\n`);
  process.exitCode = 1;
}
