"""Lists the string literals of a Python source file, read exactly by Python's own parser.

Reads a JSON list of sources on standard input and prints a JSON list with, for each, one object:
  {"strings": [{"scope": "Class.method" | "", "target": "name" | null, "parts": [...]}, ...]}
in source order, each with its `line`; a plain string also has its `raw` value. `scope` is the qualified name of the enclosing function or class ("" at
module level); `target` is the simple name the string is assigned to, when the assignment is
directly to a name. A plain string's parts are its `str.format` fields (the string can be used
as a template either way); an f-string's parts are its literal text and its expressions, each
given as source text (`ast.unparse`). A string that is a dict value under a string key has
that `key`; dict keys themselves are not listed. A part is {"text": str} or {"field": str, "conversion":
str | null, "spec": str}.
"""

import ast
import json
import string
import sys


def format_parts(text):
    parts = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        # Not a valid format string (a lone brace): usable only as plain text.
        return [{"text": text}], False
    for literal, field, spec, conversion in parsed:
        if literal:
            parts.append({"text": literal})
        if field is not None:
            parts.append({"field": field, "conversion": conversion, "spec": spec or ""})
    return parts, True


def fstring_parts(node):
    parts = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append({"text": value.value})
        else:
            spec = ""
            if value.format_spec is not None:
                spec = "".join(v.value if isinstance(v, ast.Constant) else "{" + ast.unparse(v.value) + "}" for v in value.format_spec.values)
            conversion = None if value.conversion == -1 else chr(value.conversion)
            parts.append({"field": ast.unparse(value.value), "conversion": conversion, "spec": spec})
    return parts


class Collector(ast.NodeVisitor):
    def __init__(self):
        self.scope = []
        self.target = [None]
        self.key = {}
        self.strings = []

    def visit_scoped(self, node):
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_FunctionDef = visit_scoped
    visit_AsyncFunctionDef = visit_scoped
    visit_ClassDef = visit_scoped

    def visit_Assign(self, node):
        name = node.targets[0].id if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) else None
        self.target.append(name)
        self.generic_visit(node)
        self.target.pop()

    def visit_Dict(self, node):
        # Keys are structure, not text: a string value is recorded under its key instead.
        for key, value in zip(node.keys, node.values):
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                self.key[id(value)] = key.value
            elif key is not None:
                self.visit(key)
            self.visit(value)

    def record(self, node, parts, formattable, raw=None):
        self.strings.append({
            "key": self.key.get(id(node)),
            "column": node.col_offset,
            "raw": raw,
            "scope": ".".join(self.scope),
            "target": self.target[-1],
            "line": node.lineno,
            "fstring": isinstance(node, ast.JoinedStr),
            "formattable": formattable,
            "parts": parts,
        })

    def visit_JoinedStr(self, node):
        self.record(node, fstring_parts(node), True)

    def visit_Constant(self, node):
        if isinstance(node.value, str):
            parts, formattable = format_parts(node.value)
            self.record(node, parts, formattable, node.value)


def strings_of(source):
    collector = Collector()
    collector.visit(ast.parse(source))
    collector.strings.sort(key=lambda s: (s["line"], s["column"]))
    return {"strings": collector.strings}


def main():
    # Several files at once: a JSON list of sources in, a list of results out (one start-up).
    sources = json.load(sys.stdin)
    json.dump([strings_of(source) for source in sources], sys.stdout)


main()
