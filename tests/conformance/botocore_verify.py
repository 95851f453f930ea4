"""Recompute SigV4 signatures of captured requests with botocore, the AWS SDK for Python's
signer, an implementation unrelated to both the crate under test and the emulator's JS
verifier.

Reads JSON on stdin:
  {"region": str, "service": str,
   "secrets": {accessKeyId: secretAccessKey},
   "requests": [{"method": str, "path": str (raw, as on the wire), "headers": {name: value}}]}
and writes JSON on stdout: one result per request, in order,
  {"signature": hex, "signedHeaders": str, "canonicalRequest": str, "claimedSignature": hex,
   "claimedSignedHeaders": str}
`claimed*` are what the request's own Authorization header says; the caller compares.

Only the headers the request names in SignedHeaders are given to botocore, as a server does:
botocore would otherwise sign every header it sees. The signing time is the request's
X-Amz-Date, set where botocore's add_auth would put the current time. A session token is
signed as the X-Amz-Security-Token header it travels in, so only secrets are needed.
"""

import json
import re
import sys

import botocore
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

AUTHORIZATION = re.compile(
    r"^AWS4-HMAC-SHA256 Credential=(?P<key>[^/]+)/[^,]+, "
    r"SignedHeaders=(?P<signed>[^,]+), Signature=(?P<signature>[0-9a-f]{64})$"
)


def recompute(request, secrets, region, service):
    """botocore's signature for one captured request."""
    claimed = AUTHORIZATION.match(request["headers"]["authorization"])
    if claimed is None:
        header = request["headers"]["authorization"]
        raise ValueError("unexpected Authorization header: %r" % header)
    signed_names = claimed.group("signed").split(";")
    headers = {name: request["headers"][name] for name in signed_names}

    # The URL only carries the path and host to botocore; no connection is made.
    aws_request = AWSRequest(
        method=request["method"],
        url="http://%s%s" % (request["headers"]["host"], request["path"]),
        headers=headers,
    )
    aws_request.context["timestamp"] = request["headers"]["x-amz-date"]
    auth = SigV4Auth(
        Credentials(claimed.group("key"), secrets[claimed.group("key")]),
        service,
        region,
    )
    canonical_request = auth.canonical_request(aws_request)
    string_to_sign = auth.string_to_sign(aws_request, canonical_request)
    return {
        "signature": auth.signature(string_to_sign, aws_request),
        "signedHeaders": auth.signed_headers(auth.headers_to_sign(aws_request)),
        "canonicalRequest": canonical_request,
        "claimedSignature": claimed.group("signature"),
        "claimedSignedHeaders": claimed.group("signed"),
    }


def main():
    if "--version" in sys.argv:
        print(botocore.__version__)
        return
    job = json.load(sys.stdin)
    results = [
        recompute(request, job["secrets"], job["region"], job["service"])
        for request in job["requests"]
    ]
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
