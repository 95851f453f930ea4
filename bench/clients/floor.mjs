// The floor: the runtime's own fetch with nothing around it. It sends the same request as the
// signed clients, with headers signed once by the harness before each batch (so the emulator
// gives the same 204 and does the same work); no signing happens per request.
export function create(config) {
  return async () => {
    const { url, headers } = config.presigned;
    const response = await fetch(url, { method: "DELETE", headers });
    await response.body?.cancel();
    return response.status;
  };
}
