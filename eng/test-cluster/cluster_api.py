"""Reading the test cluster's API server as its admin: shared by cluster-dns.py and volume-owner.py."""
import json
import ssl
import time
import urllib.request

REQUEST_TIMEOUT_SECONDS = 5


def log(message):
    print(f"{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())} {message}", flush=True)


def lister(api_url, ca_file, token_file, user_agent):
    """A function that returns the items of a list path (e.g. /api/v1/services) of the API server."""
    with open(token_file) as file:
        token = file.read().strip()
    context = ssl.create_default_context(cafile=ca_file)

    def items(path):
        request = urllib.request.Request(api_url + path, headers={
            "Authorization": f"Bearer {token}", "User-Agent": user_agent})
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_SECONDS, context=context) as response:
            return json.load(response)["items"]

    return items
