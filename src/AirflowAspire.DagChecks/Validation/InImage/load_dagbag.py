"""Loads a DAG folder with Airflow's own DagBag, for `dag-packager validate --in-image`.

Run as `python -c <this script> <dag folder>` inside an Airflow image. Prints, after whatever Airflow logs, one
line: the marker below and then JSON
    {"importErrors": [{"file", "line", "message", "traceback"}], "dags": [{"dagId", "file"}]}
with files relative to the DAG folder. Runs on every Python an Airflow 2.10+ or 3.x image has.
"""

import json
import os
import re
import sys

MARKER = "DAGPACKAGER-DAGBAG "


def dagbag_class():
    try:
        from airflow.dag_processing.dagbag import DagBag  # Airflow 3.2 and later
    except ImportError:
        try:
            from airflow.models.dagbag import DagBag
        except ImportError:
            from airflow.models import DagBag
    return DagBag


def relative(path, folder):
    """The path relative to the DAG folder; Airflow gives absolute paths, or paths relative to a bundle."""
    path = str(path)
    if not os.path.isabs(path):
        return path.replace(os.sep, "/")
    try:
        return os.path.relpath(path, folder).replace(os.sep, "/")
    except ValueError:
        return path


def line_in(trace, file):
    """The last line of the traceback that points into the file itself (named absolutely or not)."""
    lines = re.findall(r'File "(?:[^"]*/)?%s", line (\d+)' % re.escape(file), trace)
    return int(lines[-1]) if lines else None


def last_line(trace):
    lines = [line.strip() for line in str(trace).strip().splitlines() if line.strip()]
    return lines[-1] if lines else "import failed"


def main():
    folder = sys.argv[1]
    bag = dagbag_class()(dag_folder=folder, include_examples=False)
    errors = []
    for path, trace in sorted(bag.import_errors.items()):
        file = relative(path, folder)
        errors.append({
            "file": file,
            "line": line_in(str(trace), file),
            "message": last_line(trace),
            "traceback": str(trace),
        })
    dags = []
    for dag_id, dag in sorted(bag.dags.items()):
        dags.append({"dagId": dag_id, "file": relative(getattr(dag, "fileloc", "") or "", folder)})
    sys.stdout.write(MARKER + json.dumps({"importErrors": errors, "dags": dags}) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
