// The AWS SDK for JavaScript v3, as a consumer that only terminates sessions would use it:
// the client plus one command, so a bundler keeps nothing else of the service.
import {
  GameLiftStreamsClient,
  TerminateStreamSessionCommand,
} from "@aws-sdk/client-gameliftstreams";

export function create({ region, credentials, endpoint }) {
  const client = new GameLiftStreamsClient({ region, credentials, endpoint });
  return async (Identifier, StreamSessionIdentifier) => {
    const command = new TerminateStreamSessionCommand({ Identifier, StreamSessionIdentifier });
    const out = await client.send(command);
    return out.$metadata.httpStatusCode;
  };
}
