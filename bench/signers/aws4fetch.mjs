// Signing only, with aws4fetch: AwsClient.sign() builds the signed Request without sending it.
import { AwsClient } from "aws4fetch";

export function createSigner({ region, credentials, endpoint }) {
  const aws = new AwsClient({ ...credentials, service: "gameliftstreams", region });
  const base = endpoint.replace(/\/+$/, "");
  return async (group, session) => {
    const url =
      `${base}/streamgroups/${encodeURIComponent(group)}` +
      `/streamsessions/${encodeURIComponent(session)}`;
    const request = await aws.sign(url, { method: "DELETE" });
    const headers = Object.fromEntries(request.headers);
    delete headers.host;
    return { url: request.url, headers };
  };
}
