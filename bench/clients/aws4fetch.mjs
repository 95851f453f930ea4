// aws4fetch with its service and region given explicitly (left to itself it would guess them
// from the host name, and guess wrong for *.api.aws). The consumer builds the path itself,
// encoding each label, and turns a failed answer into an exception, as the others do.
import { AwsClient } from "aws4fetch";

export function create({ region, credentials, endpoint }) {
  const aws = new AwsClient({ ...credentials, service: "gameliftstreams", region });
  const base = endpoint.replace(/\/+$/, "");
  return async (group, session) => {
    const url =
      `${base}/streamgroups/${encodeURIComponent(group)}` +
      `/streamsessions/${encodeURIComponent(session)}`;
    const response = await aws.fetch(url, { method: "DELETE" });
    if (!response.ok) {
      throw new Error(`TerminateStreamSession: HTTP ${response.status} ${await response.text()}`);
    }
    await response.body?.cancel();
    return response.status;
  };
}
