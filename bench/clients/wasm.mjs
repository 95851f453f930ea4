// This package, as a consumer that only terminates sessions would use it.
import { GameLiftStreamsClient } from "gameliftstreams-wasm";

export function create({ region, credentials, endpoint }) {
  const client = new GameLiftStreamsClient({ region, credentials, endpoint });
  return async (Identifier, StreamSessionIdentifier) => {
    const out = await client.terminateStreamSession({ Identifier, StreamSessionIdentifier });
    return out.$metadata.httpStatusCode;
  };
}
