"""Checks DAG files for `dag-packager validate`, with Python's own compiler and ast module.

Run as `python3 -I -c <this script>`. Reads one JSON request on stdin:
    {"files": [{"path": "/abs/x.py", "file": "x.py"}], "importTimeCalls": [{"pattern": "requests.*", "kind": "network"}],
     "memoryLimitBytes": 1073741824}
writes {"ready": true} once it has read it and then one JSON line per file on stdout, in order, as soon as the file
is done:
    {"file", "mightContainDag", "dags": [{"dagId", "line", "dynamic"}], "problems": [{"code", "line", "column", "message"}]}
The file is never imported: nothing in it runs. A file that is not a regular file (a FIFO would block the read) is
reported without being opened; one that makes the compiler fail in another way than a syntax error (a codec that is
no text encoding, expressions nested too deeply) is reported and the next file checked. The caller stops this
process when one file takes too long, and starts it again for the files after it. Runs on Python 3.8 and later.
"""

import ast
import fnmatch
import io
import json
import os
import stat
import sys
import tokenize
import warnings


def main():
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    rules = request.get("importTimeCalls", [])
    limit_memory(request.get("memoryLimitBytes"))
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
    out.write(json.dumps({"ready": True}) + "\n")
    out.flush()
    for entry in request["files"]:
        result = check_file(entry["path"], entry["file"], rules)
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()


def limit_memory(limit):
    """Bounds this process's address space, so that a file the compiler blows up on raises MemoryError."""
    try:
        import resource
    except ImportError:  # not on Windows
        return
    if not limit:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or limit < hard:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


FILE_KINDS = [(stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
              (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder")]


def not_a_file(mode):
    """What a non-regular file is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in FILE_KINDS if test(mode)), "not a regular file")


def problem(result, code, line, column, message):
    result["problems"].append({"code": code, "line": line, "column": column, "message": message})


def check_file(path, name, rules):
    result = {"file": name, "mightContainDag": False, "dags": [], "problems": []}
    try:
        kind = not_a_file(os.stat(path).st_mode)
        if kind is not None:
            problem(result, "not-a-regular-file", None, None,
                    "is %s, not a file: reading it can block Airflow's DAG processor, so it was not read; "
                    " remove it from the DAG folder, or list it in .airflowignore" % kind)
            return result
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        problem(result, "unreadable", None, None, "cannot be read: %s" % (error.strerror or error))
        return result
    try:
        check_source(data, name, rules, result)
    except RecursionError as error:
        del result["problems"][:], result["dags"][:]
        problem(result, "check-failed", None, None,
                "is nested too deeply for Python's compiler (RecursionError: %s): Airflow cannot import it either; "
                "split the deepest expression up" % error)
    except MemoryError:
        del result["problems"][:], result["dags"][:]
        problem(result, "check-failed", None, None,
                "is too large or nested too deeply for Python's compiler (MemoryError): Airflow cannot import it "
                "either; split the deepest expression up")
    except Exception as error:  # the compiler's or ast's own failure on this file: report it, check the next
        del result["problems"][:], result["dags"][:]
        problem(result, "check-failed", None, None,
                "could not be checked: Python raised %s: %s" % (type(error).__name__, error))
    return result


def check_source(data, name, rules, result):
    # Airflow's safe-mode heuristic (might_contain_dag_via_default_heuristic): only files that mention
    # "airflow" and "dag" (or "asset") are parsed for DAGs; the others are helper modules.
    lowered = data.lower()
    result["mightContainDag"] = b"airflow" in lowered and (b"dag" in lowered or b"asset" in lowered)

    source = decode(data, result)
    if source is None:
        return

    tree = compile_and_parse(source, name, result)
    if tree is None:
        return

    Analysis(tree, rules, result).run()


def position_of(data, offset):
    """Line and column (both 1-based) of a byte offset."""
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def decode(data, result):
    """The source text, decoded as Python would (UTF-8 unless a coding declaration says otherwise)."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        # detect_encoding also fails when one of the first two lines is not UTF-8: say where, then.
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = "utf-8"
        else:
            problem(result, "bad-encoding", 1, None, str(error))
            return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        return decode_error(data, encoding, error, result)
    except LookupError as error:
        # A codec that exists but is no text encoding (zlib, base64...): Python's import fails on it too.
        problem(result, "bad-encoding", 1, None,
                "its coding declaration names %s, which is not a text encoding Python can read source in (%s); "
                "declare utf-8, or remove the declaration" % (encoding, error))
        return None


def decode_error(data, encoding, error, result):
    """Where the bytes stop matching the encoding."""
    line, column = position_of(data, error.start)
    byte = data[error.start]
    if encoding.replace("_", "-").lower() in ("utf-8", "utf-8-sig", "utf8"):
        problem(result, "not-utf8", line, column,
                "is not valid UTF-8: byte 0x%02x at byte offset %d (%s); Python reads source files as "
                "UTF-8 unless a coding declaration says otherwise" % (byte, error.start, error.reason))
    else:
        problem(result, "bad-encoding", line, column,
                "does not match its coding declaration (%s): byte 0x%02x at byte offset %d (%s)"
                % (encoding, byte, error.start, error.reason))
    return None


def nul_position(source):
    """Where the first NUL character is (compile rejects them without saying where), or (None, None)."""
    offset = source.find("\0")
    if offset < 0:
        return None, None
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


def compile_and_parse(source, name, result):
    """Compiles the whole file as Python does on import, then parses it for the analysis."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            compile(source, name, "exec", dont_inherit=True)
        except SyntaxError as error:
            line, column = error.lineno, error.offset
            if line is None:
                line, column = nul_position(source)
            problem(result, "syntax-error", line, column, error.msg or "invalid syntax")
            return None
        except ValueError as error:
            # Some Python versions raise ValueError for NUL bytes instead of SyntaxError.
            line, column = nul_position(source)
            problem(result, "syntax-error", line, column, str(error))
            return None
    for warning in caught:
        if issubclass(warning.category, (SyntaxWarning, DeprecationWarning)):
            problem(result, "syntax-warning", warning.lineno, None,
                    "%s: %s" % (warning.category.__name__, warning.message))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(source, name)


def is_airflow(name, suffixes):
    return name is not None and name.startswith("airflow.") and any(name.endswith(s) for s in suffixes)


DAG_CLASS = (".DAG",)
DAG_DECORATOR = (".dag",)
ASSET_DECORATOR = (".asset", ".asset.multi")


class Analysis:
    """What one module declares (DAGs) and what it runs when Airflow imports it (import-time calls)."""

    def __init__(self, tree, rules, result):
        self.tree = tree
        self.rules = rules
        self.result = result
        self.aliases = {}
        self.star_modules = []
        self.constants = {}
        self.calls_outside = {}

    def run(self):
        self.collect_imports()
        self.collect_constants()
        CallCollector(self).visit(self.tree)
        self.find_dag_constructors()
        self.find_dag_decorators()
        TopLevelCalls(self).visit(self.tree)

    # --- names -------------------------------------------------------------------------------------
    def collect_imports(self):
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.aliases[alias.asname] = alias.name
                    else:
                        head = alias.name.split(".")[0]
                        self.aliases[head] = head
            elif isinstance(node, ast.ImportFrom):
                module = "." * (node.level or 0) + (node.module or "")
                for alias in node.names:
                    if alias.name == "*":
                        self.star_modules.append(module)
                    else:
                        self.aliases[alias.asname or alias.name] = module + "." + alias.name

    def collect_constants(self):
        for node in self.tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                target, value = node.target, node.value
            else:
                continue
            if isinstance(target, ast.Name) and isinstance(value, ast.Constant) and isinstance(value.value, str):
                self.constants[target.id] = value.value

    def resolve(self, node):
        """The dotted name a call target refers to, through the module's imports, or None."""
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        head = self.aliases.get(node.id)
        if head is None:
            airflow_stars = [m for m in self.star_modules if m == "airflow" or m.startswith("airflow.")]
            head = airflow_stars[0] + "." + node.id if airflow_stars else node.id
        return ".".join([head] + parts[::-1])

    def string_value(self, node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name) and node.id in self.constants:
            return self.constants[node.id]
        return None

    # --- DAGs --------------------------------------------------------------------------------------
    def add_dag(self, dag_id, line):
        self.result["dags"].append({"dagId": dag_id, "line": line, "dynamic": dag_id is None})

    def dag_id_argument(self, call, fallback):
        """dag_id= or the first positional argument; the fallback when neither is given; None when computed."""
        for keyword in call.keywords:
            if keyword.arg == "dag_id":
                return self.string_value(keyword.value), True
        if call.args and not isinstance(call.args[0], ast.Starred):
            return self.string_value(call.args[0]), True
        if any(keyword.arg is None for keyword in call.keywords):
            return None, True
        return fallback, fallback is not None

    def find_dag_constructors(self):
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and is_airflow(self.resolve(node.func), DAG_CLASS):
                dag_id, _ = self.dag_id_argument(node, None)
                self.add_dag(dag_id, node.lineno)

    def find_dag_decorators(self):
        for node in ast.walk(self.tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for decorator in node.decorator_list:
                call = decorator if isinstance(decorator, ast.Call) else None
                name = self.resolve(call.func if call else decorator)
                if is_airflow(name, DAG_DECORATOR):
                    dag_id = self.dag_id_argument(call, node.name)[0] if call else node.name
                    if node.name in self.calls_outside:
                        self.add_dag(dag_id, decorator.lineno)
                    else:
                        problem(self.result, "dag-not-called", decorator.lineno, decorator.col_offset + 1,
                                "@dag function %s() is never called, so Airflow registers no DAG from it; "
                                "call it at the end of the file: %s()" % (node.name, node.name))
                elif is_airflow(name, ASSET_DECORATOR):
                    asset_name = node.name
                    if call:
                        for keyword in call.keywords:
                            if keyword.arg == "name":
                                asset_name = self.string_value(keyword.value)
                    self.add_dag(asset_name, decorator.lineno)

    # --- import-time calls -------------------------------------------------------------------------
    def matching_rule(self, name):
        for rule in self.rules:
            if fnmatch.fnmatchcase(name, rule["pattern"]):
                return rule
        return None

    def report_call(self, node):
        name = self.resolve(node.func)
        if name is None:
            return
        rule = self.matching_rule(name)
        if rule is not None:
            problem(self.result, "import-time-call", node.lineno, node.col_offset + 1,
                    "%s() is a %s call at import time: Airflow runs top-level code every time it parses "
                    "the file, so move it into a task (or a template)" % (name, rule["kind"]))

    def is_dag_function(self, node):
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if is_airflow(self.resolve(target), DAG_DECORATOR):
                return True
        return False


class CallCollector(ast.NodeVisitor):
    """Which function names are called somewhere other than inside themselves (a @dag function must be)."""

    def __init__(self, analysis):
        self.analysis = analysis
        self.stack = []

    def visit_FunctionDef(self, node):
        for child in node.decorator_list:
            self.visit(child)
        self.stack.append(node.name)
        for child in node.body:
            self.visit(child)
        self.stack.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node):
        if isinstance(node.func, ast.Name) and node.func.id not in self.stack:
            self.analysis.calls_outside[node.func.id] = True
        self.generic_visit(node)


def is_main_guard(node):
    test = node.test
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"
            and len(test.comparators) == 1 and isinstance(test.comparators[0], ast.Constant)
            and test.comparators[0].value == "__main__")


class TopLevelCalls(ast.NodeVisitor):
    """Visits the code that runs when Airflow imports the file: module and class bodies, decorators and
    default values, and the bodies of @dag functions (they run at parse time); not other functions' bodies,
    lambdas, or an `if __name__ == "__main__":` block."""

    def __init__(self, analysis):
        self.analysis = analysis

    def visit_FunctionDef(self, node):
        for child in node.decorator_list:
            self.visit(child)
        for default in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
            self.visit(default)
        if self.analysis.is_dag_function(node):
            for child in node.body:
                self.visit(child)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        for default in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
            self.visit(default)

    def visit_If(self, node):
        if is_main_guard(node):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Call(self, node):
        self.analysis.report_call(node)
        self.generic_visit(node)


if __name__ == "__main__":
    main()
