// Types of the Node.js entry (`pkg/node.js`). Every entry exports the same API.
export * from "./index.js";
