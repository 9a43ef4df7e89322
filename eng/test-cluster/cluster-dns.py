#!/usr/bin/env python3
"""The test cluster's DNS records, for dnsmasq (up.sh starts both).

Watch mode: lists the API server's Services and Endpoints every second and writes them as one hosts file into
dnsmasq's --hostsdir, which dnsmasq re-reads when a file there changes (inotify):
  <svc>.<ns>.svc.<domain>             the ClusterIP; for a headless Service each ready endpoint address
  <hostname>.<svc>.<ns>.svc.<domain>  an endpoint's pod, when it has a hostname (a StatefulSet's pods behind
                                      their headless Service, pods with spec.hostname and spec.subdomain)
The file is replaced atomically and only when the records change; it keeps its last records while the API
server does not answer.

  cluster-dns.py watch API_URL CA_FILE TOKEN_FILE HOSTS_DIR DOMAIN
  cluster-dns.py resolve NAME SERVER   one A query over UDP: prints the addresses, exits 1 without any
"""
import os
import random
import socket
import struct
import sys
import time

from cluster_api import lister, log

HOSTS_FILE = "cluster.hosts"
POLL_SECONDS = 1.0
# A failing API server is logged at most this often, so the log stays small.
ERROR_LOG_SECONDS = 60


def records(services, endpoints, domain):
    """The (address, name) pairs of the cluster's Services, sorted."""
    endpoints_by_service = {(e["metadata"]["namespace"], e["metadata"]["name"]): e for e in endpoints}
    found = set()
    for service in services:
        namespace, name = service["metadata"]["namespace"], service["metadata"]["name"]
        spec = service.get("spec", {})
        fqdn = f"{name}.{namespace}.svc.{domain}"
        if spec.get("type") == "ExternalName":
            continue  # a CNAME, which a hosts file cannot hold
        cluster_ip = spec.get("clusterIP")
        if cluster_ip and cluster_ip != "None":
            found.add((cluster_ip, fqdn))
            continue
        subsets = endpoints_by_service.get((namespace, name), {}).get("subsets") or []
        for subset in subsets:
            addresses = list(subset.get("addresses") or [])
            if spec.get("publishNotReadyAddresses"):
                addresses += subset.get("notReadyAddresses") or []
            for address in addresses:
                found.add((address["ip"], fqdn))
                if address.get("hostname"):
                    found.add((address["ip"], f"{address['hostname']}.{fqdn}"))
    return sorted(found, key=lambda record: (record[1], record[0]))


def write_atomically(hosts_dir, text):
    # dnsmasq ignores dotfiles in its hostsdir and reads the file when it is renamed into place.
    temporary = os.path.join(hosts_dir, f".{HOSTS_FILE}.tmp")
    with open(temporary, "w") as file:
        file.write(text)
    os.chmod(temporary, 0o644)  # dnsmasq reads it after dropping root
    os.replace(temporary, os.path.join(hosts_dir, HOSTS_FILE))


def watch(api_url, ca_file, token_file, hosts_dir, domain):
    items = lister(api_url, ca_file, token_file, "airflowaspire-test-cluster-dns")

    written, last_error, last_error_logged = None, None, 0.0
    log(f"watching Services and Endpoints at {api_url}; records for *.svc.{domain} in {hosts_dir}/{HOSTS_FILE}")
    while True:
        started = time.monotonic()
        try:
            found = records(items("/api/v1/services"), items("/api/v1/endpoints"), domain)
            if last_error is not None:
                log("the API server answers again")
                last_error = None
        except Exception as error:  # the API server restarting, a timeout: try again on the next round
            if str(error) != last_error or time.monotonic() - last_error_logged > ERROR_LOG_SECONDS:
                log(f"cannot list Services and Endpoints (keeping the last records): {error}")
                last_error, last_error_logged = str(error), time.monotonic()
            found = None
        if found is not None:
            text = "".join(f"{address} {name}\n" for address, name in found)
            if text != written:
                write_atomically(hosts_dir, text)
                log(f"wrote {len(found)} records")
                written = text
        time.sleep(max(0.0, POLL_SECONDS - (time.monotonic() - started)))


def resolve(name, server):
    query_id = random.randrange(1 << 16)
    question = b"".join(bytes([len(label)]) + label.encode() for label in name.rstrip(".").split("."))
    packet = struct.pack(">HHHHHH", query_id, 0x0100, 1, 0, 0, 0) + question + b"\0" + struct.pack(">HH", 1, 1)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(2)
        sock.sendto(packet, (server, 53))
        answer = sock.recv(4096)
    reply_id, flags, questions, answers = struct.unpack(">HHHH", answer[:8])
    if reply_id != query_id or flags & 0x000F:
        return []
    offset = 12
    for _ in range(questions):
        offset = skip_name(answer, offset) + 4
    addresses = []
    for _ in range(answers):
        offset = skip_name(answer, offset)
        record_type, _, _, length = struct.unpack(">HHIH", answer[offset:offset + 10])
        offset += 10
        if record_type == 1 and length == 4:
            addresses.append(socket.inet_ntoa(answer[offset:offset + 4]))
        offset += length
    return addresses


def skip_name(message, offset):
    while True:
        length = message[offset]
        if length == 0:
            return offset + 1
        if length & 0xC0 == 0xC0:  # a pointer ends the name
            return offset + 2
        offset += length + 1


def main(arguments):
    if len(arguments) == 6 and arguments[0] == "watch":
        watch(*arguments[1:])
    elif len(arguments) == 3 and arguments[0] == "resolve":
        try:
            addresses = resolve(arguments[1], arguments[2])
        except OSError as error:
            print(f"cluster-dns.py: no answer from {arguments[2]}: {error}", file=sys.stderr)
            return 1
        print("\n".join(addresses))
        return 0 if addresses else 1
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
