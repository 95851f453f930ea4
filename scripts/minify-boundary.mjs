// Renames what crosses the JS/WebAssembly boundary to short names, as emscripten does: binaryen's
// `--minify-imports-and-exports-and-modules` pass renames the module's imports (module "a",
// names "a", "b", ...) and exports, and prints the mapping; this module applies that mapping to
// wasm-bindgen's glue, which no JS minifier can rename since the names are shared with the
// binary. wasm-bindgen's import names carry a 16-hex-digit hash each (`__wbg_get_e6325a...`):
// they cost about 4.9 KB raw in the .wasm and as much again in the glue.
//
// The glue is generated code of one pinned wasm-bindgen version, so every rewrite is checked:
// a name the glue does not hold exactly where expected fails the build instead of shipping a
// module whose imports do not link.

/** The one import module wasm-bindgen's `--target web` glue provides, and its key there. */
const GLUE_MODULE = "./gameliftstreams_bg.js";
const GLUE_MODULE_KEY = `"${GLUE_MODULE}": import0,`;

/** What the pass names the single import module once module names are minified. */
const MINIFIED_MODULE = "a";

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function propertyKey(name) {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

function countOf(text, pattern) {
  return (text.match(pattern) ?? []).length;
}

/**
 * Parses the mapping binaryen prints, then rewrites the glue's import object and every
 * `wasm.<export>` access. Throws when the mapping and the glue disagree.
 */
export function applyBoundaryMapping(glue, mappingText) {
  const start = mappingText.indexOf("{");
  if (start < 0) throw new Error("wasm-opt printed no import/export mapping");
  const mapping = JSON.parse(mappingText.slice(start));
  if (!Array.isArray(mapping.imports) || !Array.isArray(mapping.exports)) {
    throw new Error("the wasm-opt mapping lacks its imports or exports list");
  }

  let out = glue;
  if (out.split(GLUE_MODULE_KEY).length !== 2) {
    throw new Error(`the glue does not provide the import module ${GLUE_MODULE} once`);
  }
  out = out.replace(GLUE_MODULE_KEY, `${MINIFIED_MODULE}: import0,`);

  for (const [module, name, short] of mapping.imports) {
    if (module !== GLUE_MODULE) throw new Error(`unexpected import module ${module}`);
    // Each import is one member of the glue's `import0` object, eight spaces in.
    const member = new RegExp(`^( {8})${escape(name)}(: function)`, "gm");
    if (countOf(out, member) !== 1) {
      throw new Error(`the glue does not define the import ${name} exactly once`);
    }
    out = out.replace(member, (_, indent, rest) => `${indent}${propertyKey(short)}${rest}`);
  }

  for (const [name, short] of mapping.exports) {
    const access = new RegExp(`\\bwasm\\.${escape(name)}\\b`, "g");
    const renamed = /^[A-Za-z_$][\w$]*$/.test(short) ? `wasm.${short}` : `wasm[${JSON.stringify(short)}]`;
    out = out.replace(access, renamed);
  }

  // Every export the glue still reads must be one of the new names.
  const shortExports = new Set(mapping.exports.map(([, short]) => short));
  for (const [, used] of out.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)) {
    if (!shortExports.has(used)) {
      throw new Error(`the glue reads an export the mapping lacks: ${used}`);
    }
  }
  return out;
}
