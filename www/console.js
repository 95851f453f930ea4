// The demo console: terminates stream sessions with gameliftstreams-wasm and shows how each
// call ended. The connection settings live only in the form and in this module's variables;
// nothing is written to storage. The session list comes from the local emulator's admin
// interface, which the real service does not have.
import {
  AccessDeniedException,
  GameLiftStreamsClient,
  GameLiftStreamsClientError,
  GameLiftStreamsServiceException,
  InternalServerException,
  ResourceNotFoundException,
  ThrottlingException,
  ValidationException,
} from "gameliftstreams-wasm";

/** Most specific first; the names are written out so that they survive minification. */
const ERROR_CLASSES = [
  ["ResourceNotFoundException", ResourceNotFoundException],
  ["ValidationException", ValidationException],
  ["AccessDeniedException", AccessDeniedException],
  ["ThrottlingException", ThrottlingException],
  ["InternalServerException", InternalServerException],
  ["GameLiftStreamsServiceException", GameLiftStreamsServiceException],
  ["GameLiftStreamsClientError", GameLiftStreamsClientError],
];
/** Statuses a Terminate button makes no sense for. */
const ENDING = new Set(["TERMINATING", "TERMINATED"]);
const REFRESH_MS = 1000;

const connection = document.querySelector("#connection");
const terminateForm = document.querySelector("#terminate");
const sessionsBody = document.querySelector("#sessions tbody");
const sessionsNote = document.querySelector("#sessions-note");
const outcome = document.querySelector("#outcome");
const rows = new Map();
let calls = 0;
let loading = null;

function settings() {
  return Object.fromEntries(new FormData(connection));
}

function newClient() {
  const { region, endpoint, accessKeyId, secretAccessKey, sessionToken } = settings();
  return new GameLiftStreamsClient({
    region: region.trim(),
    endpoint: endpoint.trim() || undefined,
    credentials: {
      accessKeyId: accessKeyId.trim(),
      secretAccessKey,
      sessionToken: sessionToken || undefined,
    },
  });
}

function element(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Replaces the outcome panel with a headline and a list of fields. */
function showOutcome(state, call, headline, fields) {
  const list = element("dl");
  for (const [key, label, value] of fields) {
    list.append(element("dt", {}, label), element("dd", { "data-field": key }, String(value)));
  }
  outcome.dataset.state = state;
  outcome.dataset.call = String(call);
  outcome.replaceChildren(element("p", { class: "headline" }, headline), list);
}

function errorClassOf(error) {
  return ERROR_CLASSES.find(([, Class]) => error instanceof Class)?.[0] ?? "Error";
}

/** Terminates one session and shows the outcome; resolves when the outcome is shown. */
async function terminate(streamGroup, session) {
  const call = ++calls;
  const target = `${streamGroup} / ${session}`;
  showOutcome("busy", call, `Terminating ${session}…`, [["session", "Stream session", target]]);
  const client = newClient();
  try {
    const { $metadata } = await client.terminateStreamSession({
      Identifier: streamGroup,
      StreamSessionIdentifier: session,
    });
    showOutcome("terminated", call, `Terminated ${session}`, [
      ["session", "Stream session", target],
      ["status", "HTTP status", $metadata.httpStatusCode],
      ["requestId", "Request ID", $metadata.requestId ?? "none"],
      ["attempts", "Attempts", $metadata.attempts],
    ]);
  } catch (error) {
    const metadata = error.$metadata ?? {};
    showOutcome("failed", call, `${session} was not terminated`, [
      ["session", "Stream session", target],
      ["errorClass", "Error class", errorClassOf(error)],
      ["name", "Error name", error.name],
      ["message", "Message", error.message],
      ["status", "HTTP status", metadata.httpStatusCode ?? "none (nothing was sent)"],
      ["requestId", "Request ID", metadata.requestId ?? "none"],
      ["attempts", "Attempts", metadata.attempts ?? 0],
    ]);
  } finally {
    client.destroy();
  }
  // A load that started before the call ended may predate its effect: wait, then load anew.
  await loading;
  await refreshSessions();
}

function rowKey(session) {
  return `${session.streamGroupId}/${session.id}`;
}

function newRow(session) {
  const row = element("tr", {
    "data-stream-group": session.streamGroupId,
    "data-session": session.id,
  });
  const button = element("button", { type: "button" }, "Terminate");
  button.addEventListener("click", async () => {
    button.disabled = true;
    await terminate(session.streamGroupId, session.id);
    button.disabled = ENDING.has(row.dataset.status);
  });
  const action = element("td", { class: "action" });
  action.append(button);
  row.append(
    element("td", { class: "group" }, session.streamGroupId),
    element("td", { class: "id" }, session.id),
    element("td", { class: "status" }),
    action,
  );
  return row;
}

/** Updates the table in place, so a button never disappears under the pointer. */
function showSessions(sessions) {
  const seen = new Set();
  for (const session of sessions) {
    const key = rowKey(session);
    seen.add(key);
    let row = rows.get(key);
    if (!row) {
      row = newRow(session);
      rows.set(key, row);
      sessionsBody.append(row);
    }
    if (row.dataset.status !== session.status) {
      row.dataset.status = session.status;
      const badge = element("span", { class: `badge ${session.status.toLowerCase()}` });
      badge.textContent = session.status;
      row.querySelector(".status").replaceChildren(badge);
      row.querySelector("button").disabled = ENDING.has(session.status);
    }
  }
  for (const [key, row] of rows) {
    if (!seen.has(key)) {
      row.remove();
      rows.delete(key);
    }
  }
}

/** Reads the emulator's session list; with no emulator at the endpoint, says so. */
async function loadSessions() {
  const endpoint = settings().endpoint.trim();
  if (!endpoint) {
    showSessions([]);
    sessionsNote.textContent = "Set an emulator endpoint to list its sessions.";
    return;
  }
  try {
    const response = await fetch(new URL("/_emulator/streamsessions", endpoint));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { sessions } = await response.json();
    showSessions(sessions);
    sessionsNote.textContent = `${sessions.length} on the emulator, refreshed every second`;
  } catch (error) {
    showSessions([]);
    sessionsNote.textContent =
      `No list here (${error.message}): only the local emulator offers one.`;
  }
}

/** Starts a load unless one is running; resolves when the running load ends. */
function refreshSessions() {
  loading ??= loadSessions().finally(() => {
    loading = null;
  });
  return loading;
}

terminateForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const { streamGroup, session } = Object.fromEntries(new FormData(terminateForm));
  terminate(streamGroup.trim(), session.trim());
});
connection.elements.endpoint.addEventListener("change", refreshSessions);

// `npm start` serves demo.json with the emulator's settings; elsewhere the button stays hidden.
const demo = await fetch("./demo.json").then(
  (response) => (response.ok ? response.json() : null),
  () => null,
);
if (demo) {
  const button = document.querySelector("#use-emulator");
  button.hidden = false;
  button.addEventListener("click", () => {
    connection.elements.region.value = demo.region;
    connection.elements.endpoint.value = demo.endpoint;
    connection.elements.accessKeyId.value = demo.credentials.accessKeyId;
    connection.elements.secretAccessKey.value = demo.credentials.secretAccessKey;
    terminateForm.elements.streamGroup.value = demo.streamGroupId;
    refreshSessions();
  });
}

setInterval(refreshSessions, REFRESH_MS);
refreshSessions();
document.body.dataset.ready = "true";
