#!/usr/bin/env python3
"""Gives each new volume folder of the test cluster's hostPath provisioner to the user of the pods that mount it.

The controller-manager's hostPath provisioner makes each claim's folder under /tmp/hostpath_pv as root, mode
0750, and the kubelet applies no fsGroup to hostPath volumes, so a pod running as another user could not write
its own volume; real storage honours the pod's fsGroup. Every second this lists the PersistentVolumes and the
pods, and gives a folder that is still as provisioned (root:root, 0750) to the user and group the pods mounting
its claim run as (the pod's securityContext runAsUser and fsGroup, else runAsGroup, else the user's own id):
owner uid:gid, mode 0770. Nothing else on the machine can reach the folders: up.sh makes /tmp/hostpath_pv 0700.
A pod waits for its claim to be bound and then for its node, so the folder is given in the fraction of a second
between; the API is asked only while a folder is still as provisioned, so that round can be short.

  volume-owner.py watch API_URL CA_FILE TOKEN_FILE VOLUMES_DIR
"""
import os
import stat
import sys
import time

from cluster_api import lister, log

POLL_SECONDS = 0.2
ERROR_LOG_SECONDS = 60
PROVISIONED_MODE = 0o750
GIVEN_MODE = 0o770


def claim_owners(pods):
    """(namespace, claim name) -> (uid, gid) of the first running-as-non-root pod found that mounts it."""
    owners = {}
    for pod in pods:
        spec = pod.get("spec", {})
        security = spec.get("securityContext") or {}
        uid = security.get("runAsUser")
        if not uid:
            continue  # root, or the image's own user, which the API does not tell
        gid = security.get("fsGroup", security.get("runAsGroup", uid))
        for volume in spec.get("volumes") or []:
            claim = (volume.get("persistentVolumeClaim") or {}).get("claimName")
            if claim:
                owners.setdefault((pod["metadata"]["namespace"], claim), (uid, gid))
    return owners


def folders_to_give(volumes, owners, volumes_dir):
    """(folder, uid, gid) for each bound volume under volumes_dir whose claim has a known owner."""
    for volume in volumes:
        path = ((volume.get("spec") or {}).get("hostPath") or {}).get("path", "")
        claim = (volume.get("spec") or {}).get("claimRef") or {}
        owner = owners.get((claim.get("namespace"), claim.get("name")))
        if owner and os.path.dirname(os.path.normpath(path)) == volumes_dir:
            yield path, owner[0], owner[1]


def as_provisioned(path):
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    return stat.S_ISDIR(info.st_mode) and (info.st_uid, info.st_gid) == (0, 0) \
        and stat.S_IMODE(info.st_mode) == PROVISIONED_MODE


def any_as_provisioned(volumes_dir):
    try:
        return any(as_provisioned(entry.path) for entry in os.scandir(volumes_dir))
    except FileNotFoundError:
        return False


def give(path, uid, gid):
    """Gives the folder if it is still as the provisioner made it; a folder given once is left alone."""
    if not as_provisioned(path):
        return False
    os.chown(path, uid, gid, follow_symlinks=False)
    os.chmod(path, GIVEN_MODE)
    return True


def watch(api_url, ca_file, token_file, volumes_dir):
    items = lister(api_url, ca_file, token_file, "airflowaspire-test-cluster-volume-owner")
    volumes_dir = os.path.normpath(volumes_dir)
    last_error, last_error_logged = None, 0.0
    log(f"giving the volume folders in {volumes_dir} to their pods' users")
    while True:
        started = time.monotonic()
        try:
            if not any_as_provisioned(volumes_dir):
                time.sleep(POLL_SECONDS)
                continue
            owners = claim_owners(items("/api/v1/pods"))
            for path, uid, gid in folders_to_give(items("/api/v1/persistentvolumes"), owners, volumes_dir):
                if give(path, uid, gid):
                    log(f"gave {path} to {uid}:{gid}, mode {GIVEN_MODE:o}")
            last_error = None
        except Exception as error:  # the API server restarting, a timeout: try again on the next round
            if str(error) != last_error or time.monotonic() - last_error_logged > ERROR_LOG_SECONDS:
                log(f"cannot list the volumes and pods: {error}")
                last_error, last_error_logged = str(error), time.monotonic()
        time.sleep(max(0.0, POLL_SECONDS - (time.monotonic() - started)))


def main(arguments):
    if len(arguments) == 5 and arguments[0] == "watch":
        watch(*arguments[1:])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
