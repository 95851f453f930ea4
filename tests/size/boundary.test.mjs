// The minified JS/WebAssembly boundary (scripts/minify-boundary.mjs): the built module imports
// and exports short names only, the glue uses exactly those, and the rewrite refuses glue that
// does not match the mapping instead of shipping a module that cannot link. That the module
// links and works is what every other suite shows; this one checks the names and the refusals.
// Run: node --test tests/size/ (after `npm run build`)

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { applyBoundaryMapping } from "../../scripts/minify-boundary.mjs";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WASM_DIR = join(REPO_ROOT, "pkg", "wasm");

test("boundary: the built module imports from module a under short names only", () => {
  const module = new WebAssembly.Module(readFileSync(join(WASM_DIR, "gameliftstreams_bg.wasm")));
  const imports = WebAssembly.Module.imports(module);
  const exports = WebAssembly.Module.exports(module);
  assert.ok(imports.length > 20, `${imports.length} imports`);
  assert.deepEqual([...new Set(imports.map((i) => i.module))], ["a"]);
  for (const { name } of [...imports, ...exports]) {
    assert.match(name, /^[A-Za-z_$][\w$]{0,2}$/, `boundary name ${name}`);
  }
});

test("boundary: the glue reads only exports the module has, and no hashed import name is left", () => {
  const module = new WebAssembly.Module(readFileSync(join(WASM_DIR, "gameliftstreams_bg.wasm")));
  const exported = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const glue = readFileSync(join(WASM_DIR, "gameliftstreams.js"), "utf8");
  const read = [...glue.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)].map(([, name]) => name);
  assert.ok(read.length > 10, `${read.length} export reads`);
  assert.deepEqual(read.filter((name) => !exported.has(name)), []);
  assert.doesNotMatch(glue, /__wbg_\w+_[0-9a-f]{16}\s*:/);
  assert.doesNotMatch(glue, /"\.\/gameliftstreams_bg\.js"/);
});

const GLUE = `function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_get_0123456789abcdef: function(arg0) {
            return wasm.__wbindgen_malloc(arg0);
        },
        __wbg_set_fedcba9876543210: function() {},
    };
    return {
        __proto__: null,
        "./gameliftstreams_bg.js": import0,
    };
}
function start() { wasm.__wbindgen_start(); wasm.memory; }
`;

const MAPPING = `{
 "imports": [
  ["./gameliftstreams_bg.js", "__wbg_get_0123456789abcdef", "a"],
  ["./gameliftstreams_bg.js", "__wbg_set_fedcba9876543210", "$"]
 ],
 "exports": [["__wbindgen_malloc", "b"], ["__wbindgen_start", "c"], ["memory", "do"]]
}`;

test("boundary rewrite: renames the import module, each import and each export read", () => {
  const out = applyBoundaryMapping(GLUE, MAPPING);
  assert.match(out, /^ {8}a: function\(arg0\) \{$/m);
  assert.match(out, /^ {8}\$: function\(\) \{\},$/m);
  assert.match(out, /^ {8}a: import0,$/m);
  assert.match(out, /return wasm\.b\(arg0\);/);
  assert.match(out, /wasm\.c\(\); wasm\.do;/);
  assert.doesNotMatch(out, /_[0-9a-f]{16}|__wbindgen|gameliftstreams_bg|wasm\.memory/);
});

test("boundary rewrite: refuses glue that lacks an import of the mapping", () => {
  const missing = MAPPING.replace("__wbg_set_fedcba9876543210", "__wbg_other_0000000000000000");
  assert.throws(() => applyBoundaryMapping(GLUE, missing), /does not define the import __wbg_other/);
});

test("boundary rewrite: refuses glue that reads an export the mapping does not rename", () => {
  const glue = GLUE.replace("wasm.memory;", "wasm.memory; wasm.__wbindgen_free();");
  assert.throws(() => applyBoundaryMapping(glue, MAPPING), /export the mapping lacks: __wbindgen_free/);
});

test("boundary rewrite: refuses glue with another import module, and output that is no mapping", () => {
  const glue = GLUE.replace('"./gameliftstreams_bg.js"', '"./other_bg.js"');
  assert.throws(() => applyBoundaryMapping(glue, MAPPING), /import module \.\/gameliftstreams_bg\.js/);
  assert.throws(() => applyBoundaryMapping(GLUE, "nothing printed"), /no import\/export mapping/);
});
