"""Parses XML exactly as Python's `xml.etree.ElementTree.fromstring` does (expat underneath).

Serves requests until standard input closes, one JSON object per line each way. A request is
{"documents": [str, ...]}, tried in order; the answer is {"index": i, "root": element} for the
first document that parses, where an element is {"tag": str, "text": str | null, "children":
[element, ...]}, or {"index": null, "error": str} when none does. Any exception counts as "does
not parse", as a bare `except:` around `fromstring` treats it.
"""

import json
import sys
import xml.etree.ElementTree as ET


def element(node):
    return {"tag": node.tag, "text": node.text, "children": [element(child) for child in node]}


def first_parse(documents):
    error = "no document given"
    for index, document in enumerate(documents):
        try:
            root = ET.fromstring(document)
        except Exception as exception:  # noqa: BLE001 - every failure means the next document is tried
            error = f"{type(exception).__name__}: {exception}"
            continue
        return {"index": index, "root": element(root)}
    return {"index": None, "error": error}


for line in sys.stdin:
    sys.stdout.write(json.dumps(first_parse(json.loads(line)["documents"])) + "\n")
    sys.stdout.flush()
