# python3 with the cryptography module: the fernet key test runs Airflow's key command with it.
ensure_packages "command -v python3" python3
if ! python3 -c 'import cryptography' >/dev/null 2>&1 && ! /usr/bin/python3 -c 'import cryptography' >/dev/null 2>&1; then
    ensure_packages "/usr/bin/python3 -c 'import cryptography'" python3-cryptography
fi
