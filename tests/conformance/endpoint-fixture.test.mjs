// The endpoint fixture that tests/endpoint_differential.rs holds the package's resolver to:
// it must be exactly what the installed AWS SDK for JavaScript v3 answers today, and cover
// every region of the SDK's partitions data and of the service's own region list (which
// only botocore ships), each with and without FIPS.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { buildEndpointFixture, FIXTURE_PATH, fixtureText } from "./endpoint-fixture.mjs";
import { sdkPartitions } from "./support/sdk-reference.mjs";

const PYTHON = fileURLToPath(new URL("../../.venv/bin/python", import.meta.url));
const REGIONS_SCRIPT = fileURLToPath(new URL("./botocore_regions.py", import.meta.url));

const committed = JSON.parse(readFileSync(FIXTURE_PATH, "utf8"));
const resolvedPairs = new Set(
  committed.cases.filter((c) => c.endpoint === undefined).map((c) => `${c.region} ${c.useFips}`),
);

test("the committed fixture is what the installed SDK answers (regenerate with --write)", () => {
  assert.equal(readFileSync(FIXTURE_PATH, "utf8"), fixtureText(buildEndpointFixture()));
});

test("every region of the SDK's eight partitions is in the fixture, with and without FIPS", (t) => {
  const { partitions } = sdkPartitions();
  assert.deepEqual(partitions.map((p) => p.id).sort(), [
    "aws", "aws-cn", "aws-eusc", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-us-gov",
  ]);
  let regions = 0;
  for (const partition of partitions) {
    for (const region of Object.keys(partition.regions)) {
      assert.ok(resolvedPairs.has(`${region} false`), region);
      assert.ok(resolvedPairs.has(`${region} true`), region);
      const [plain] = committed.cases.filter((c) => c.region === region && !c.useFips);
      assert.equal(plain.listedIn, partition.id);
      const suffix = partition.outputs.dualStackDnsSuffix;
      assert.equal(plain.url, `https://gameliftstreams.${region}.${suffix}`);
      regions++;
    }
  }
  t.diagnostic(`${regions} listed regions, ${committed.cases.length} cases in all`);
});

test("every region botocore lists for GameLift Streams is in the fixture", () => {
  const run = spawnSync(PYTHON, [REGIONS_SCRIPT], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr || String(run.error));
  const servicePartitions = JSON.parse(run.stdout);
  const listed = Object.values(servicePartitions).flat();
  assert.equal(listed.length, 39);
  for (const region of listed) {
    assert.ok(resolvedPairs.has(`${region} false`) && resolvedPairs.has(`${region} true`), region);
  }
});

test("the rule set's errors: FIPS with a custom endpoint, and no region", () => {
  const errors = committed.cases.filter((c) => c.error !== undefined);
  assert.deepEqual(
    errors.map((c) => [c.region, c.useFips, c.endpoint, c.error]),
    [
      [null, false, undefined, "Invalid Configuration: Missing Region"],
      [null, true, undefined, "Invalid Configuration: Missing Region"],
      ["us-west-2", true, "https://example.com",
        "Invalid Configuration: FIPS and custom endpoint are not supported"],
      ["us-west-2", true, "http://127.0.0.1:4510/prefix/v1",
        "Invalid Configuration: FIPS and custom endpoint are not supported"],
    ],
  );
});
