"""The host name Airflow records its jobs under, for the STAND-IN (not Airflow): airflow.utils.net in 2.11 and 3.x."""
import importlib
import socket

import airflow_options


def getfqdn(name=""):
    """airflow.utils.net.getfqdn: the canonical name getaddrinfo gives for this host, else socket.getfqdn's answer."""
    name = name.strip()
    if not name or name == "0.0.0.0":
        name = socket.gethostname()
    try:
        addrs = socket.getaddrinfo(name, None, 0, socket.SOCK_DGRAM, 0, socket.AI_CANONNAME)
    except OSError:
        pass
    else:
        for addr in addrs:
            if addr[3]:
                name = addr[3]
                break
    return name


def get_host_ip_address():
    """airflow.utils.net.get_host_ip_address."""
    return socket.gethostbyname(getfqdn())


OWN = {"airflow.utils.net.getfqdn": getfqdn, "airflow.utils.net.get_host_ip_address": get_host_ip_address}


def get_hostname():
    """airflow.utils.net.get_hostname: calls [core] hostname_callable (an import path; Airflow 2 also took
    module:function). Airflow's own callables are imitated here; any other path is imported as Airflow would."""
    path = airflow_options.get("core", "hostname_callable").replace(":", ".")
    if path in OWN:
        return OWN[path]()
    module, _, function = path.rpartition(".")
    return getattr(importlib.import_module(module), function)()
