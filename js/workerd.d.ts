// Types of the Cloudflare Workers entry (`pkg/workerd.js`). Every entry exports the same API.
export * from "./index.js";
