# How a program's standard output is compared with a test's expected output,
# the way competitive-programming judges compare it. Loaded ahead of the fork
# server: both are sent to the sandbox as one script.
#
# - tokens (default): whitespace-separated tokens must be equal; spacing,
#   line breaks and trailing whitespace do not matter.
# - float: as tokens, but two numbers match when they differ by at most the
#   absolute tolerance or the relative tolerance times the expected value.
# - exact: the bytes must be identical.
#
# Comparisons work on bytes: outputs can be megabytes, and bytes.split() and
# list equality run in C.
import re

NUMBER = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\Z")
EXCERPT_BYTES = 80
DEFAULT_TOLERANCE = 1e-6


def excerpt(data):
    text = data[:EXCERPT_BYTES].decode("utf-8", "replace")
    return text + "..." if len(data) > EXCERPT_BYTES else text


def numbers_close(actual, expected, absolute, relative):
    if NUMBER.match(actual) is None or NUMBER.match(expected) is None:
        return False
    a, e = float(actual), float(expected)
    difference = abs(a - e)
    return difference <= absolute or difference <= relative * abs(e)


def compare_tokens(actual, expected, tolerance):
    got, want = actual.split(), expected.split()
    if got == want:
        return None
    for index, (g, w) in enumerate(zip(got, want)):
        if g != w and not (tolerance is not None and numbers_close(g, w, *tolerance)):
            return {
                "message": f"token {index + 1} differs: expected {excerpt(w)!r}, got {excerpt(g)!r}",
                "token": index + 1,
                "expected": excerpt(w),
                "actual": excerpt(g),
            }
    if len(got) < len(want):
        return {
            "message": f"the output ended after {len(got)} tokens; expected {len(want)}, next {excerpt(want[len(got)])!r}",
            "token": len(got) + 1,
            "expected": excerpt(want[len(got)]),
            "actual": None,
        }
    if len(got) > len(want):
        return {
            "message": f"extra output after the expected {len(want)} tokens: {excerpt(got[len(want)])!r}",
            "token": len(want) + 1,
            "expected": None,
            "actual": excerpt(got[len(want)]),
        }
    return None


LINE = re.compile(rb"[^\n]*\n|[^\n]+\Z")


def compare_exact(actual, expected):
    if actual == expected:
        return None
    # Lines keep their newline, so a missing final newline shows as a difference.
    got, want = LINE.findall(actual), LINE.findall(expected)
    for index, (g, w) in enumerate(zip(got, want)):
        if g != w:
            return {
                "message": f"line {index + 1} differs: expected {excerpt(w)!r}, got {excerpt(g)!r}",
                "line": index + 1,
                "expected": excerpt(w),
                "actual": excerpt(g),
            }
    line = min(len(got), len(want))
    if len(got) < len(want):
        return {
            "message": f"the output ended after {line} lines; expected {len(want)}",
            "line": line + 1,
            "expected": excerpt(want[line]),
            "actual": None,
        }
    return {
        "message": f"extra output after the expected {line} lines: {excerpt(got[line])!r}",
        "line": line + 1,
        "expected": None,
        "actual": excerpt(got[line]),
    }


def compare_output(actual, expected, comparison):
    """Returns None when the output is accepted, else what differs first."""
    mode = comparison.get("mode", "tokens")
    if mode == "tokens":
        return compare_tokens(actual, expected, None)
    if mode == "float":
        tolerance = (
            comparison.get("absoluteTolerance", DEFAULT_TOLERANCE),
            comparison.get("relativeTolerance", DEFAULT_TOLERANCE),
        )
        return compare_tokens(actual, expected, tolerance)
    if mode == "exact":
        return compare_exact(actual, expected)
    raise ValueError(f"unknown output comparison {mode!r}")

