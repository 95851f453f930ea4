"""Print, as JSON, the regions botocore's endpoints data lists for GameLift Streams, by
partition: the service's own region list, which the SDK for JavaScript does not ship.
"""

import json

from botocore.loaders import create_loader


def main():
    endpoints = create_loader().load_data("endpoints")
    regions = {}
    for partition in endpoints["partitions"]:
        service = partition["services"].get("gameliftstreams", {})
        regions[partition["partition"]] = sorted(service.get("endpoints", {}))
    print(json.dumps(regions))


if __name__ == "__main__":
    main()
