// Types of the browser and bundler entry (`pkg/browser.js`). Every entry exports the same API.
export * from "./index.js";
