"""Runs one of the authors' strategy classes on one problem with a scripted model.

The differential tests' reference side: it imports the authors' code from the mirror unchanged,
replaces only what would reach the network or the machine (the model client, tiktoken, ExecEval
and the in-process exec of sample tests), and prints every request the strategy made.

Input: one JSON case per line on stdin, {"mirror", "repository", "strategy", "args", "dataset",
"record", "language", "answers"}, all of one repository (the first line's: the imports are made
once). Output: one JSON line per case, {"calls": [{"messages", "frequency_penalty",
"presence_penalty"}], "code": the parsed final code, "error": null or the exception's text}.

Sample tests are decided by the code under test, the same rule the TypeScript side applies:
a test passes when the code contains "PASS_ALL", or a line "# passes " followed by the test
(an assert's text, or a contest input as JSON).
"""

import collections
import json
import os
import shutil
import sys
import tempfile
import types

first = json.loads(sys.stdin.readline())
mirror = os.path.join(first["mirror"], first["repository"])
sys.path.insert(0, os.path.join(mirror, "src"))
# The authors' code prints as it goes; only results go to standard output.
result_stream = sys.stdout
sys.stdout = sys.stderr


def stub(name, **attributes):
    module = types.ModuleType(name)
    module.__dict__.update(attributes)
    sys.modules[name] = module
    return module


class Encoding:
    def encode(self, text):
        return text.split()


stub("tiktoken", encoding_for_model=lambda *a, **k: Encoding(), get_encoding=lambda *a, **k: Encoding())
stub("dotenv", load_dotenv=lambda *a, **k: None)
stub("models")
stub("models.Base", BaseModel=object)
stub("results")
stub("results.Results", Results=object)
# Third-party modules the authors' evaluation imports but the scripted runs never use: a python3
# without them gets empty stand-ins (the limits read through yaml go to the scripted ExecEval,
# which ignores them).
for optional, attributes in (("tqdm", {}), ("numpy", {}), ("requests", {"Session": object}), ("yaml", {"safe_load": lambda stream: collections.defaultdict(dict)})):
    try:
        __import__(optional)
    except ImportError:
        stub(optional, **attributes)

# evalute.py reads its limits and xCodeEval's unit tests relative to the working directory.
work = tempfile.mkdtemp()
os.makedirs(os.path.join(work, "src", "evaluations"))
os.makedirs(os.path.join(work, "data", "xCodeEval"))
shutil.copy(os.path.join(mirror, "src", "evaluations", "limits_by_lang.yaml"), os.path.join(work, "src", "evaluations"))
with open(os.path.join(work, "data", "xCodeEval", "unittest_db.json"), "w") as f:
    f.write("{}")
os.chdir(work)


def passes(code, test):
    return "PASS_ALL" in code or f"# passes {test}" in code


import evaluations.func_evaluate as func_evaluate  # noqa: E402


class ScriptedTestFailure(Exception):
    pass


def scripted_exec(function, arguments, timeout):
    code = arguments[0]
    test = code.rstrip("\n").split("\n")[-1]
    if not passes(code, test):
        raise ScriptedTestFailure(test)


func_evaluate.function_with_timeout = scripted_exec

import evaluations.evalute as evalute  # noqa: E402


class ScriptedExecEval:
    def execute_code(self, language, source_code, unittests, limits, task_id=None, stop_on_first_fail=True, **rest):
        results = []
        for test in unittests:
            ok = passes(source_code, json.dumps(test["input"]))
            results.append({
                "input": test["input"],
                "output": test["output"],
                "result": test["output"][0] if ok else "WRONG",
                "exec_outcome": "PASSED" if ok else "WRONG_ANSWER",
            })
            if stop_on_first_fail and not ok:
                break
        return results, None, task_id


evalute.api_comm = ScriptedExecEval()


class ScriptedModel:
    def __init__(self, answers):
        self.calls = []
        self.answers = list(answers)

    def prompt(self, processed_input, frequency_penalty=0, presence_penalty=0):
        self.calls.append({"messages": processed_input, "frequency_penalty": frequency_penalty, "presence_penalty": presence_penalty})
        if not self.answers:
            raise RuntimeError(f"the script has no answer for call {len(self.calls)}")
        answer = self.answers.pop(0)
        if first["repository"] == "mapcoder":
            return answer, 0, 0
        return answer, {}


from promptings.PromptingFactory import PromptingFactory  # noqa: E402
from datasets.DatasetFactory import DatasetFactory  # noqa: E402
from utils.parse import parse_response  # noqa: E402



def run_case(spec):
    # The MapCoder repository's DatasetFactory knows xCodeEval only as "XCode" (CodeSIM's takes both).
    dataset_class = DatasetFactory.get_dataset_class("XCode" if spec["dataset"] == "xCodeEval" else spec["dataset"])
    data = dataset_class.__new__(dataset_class)
    data.path = None
    data.data = [spec["record"]]
    data.id_key = {"HumanEval": "task_id", "MBPP": "name", "APPS": "id", "xCodeEval": "src_uid", "CC": "id"}[spec["dataset"]]
    model = ScriptedModel(spec["answers"])
    strategy = PromptingFactory.get_prompting_class(spec["strategy"])(
        model=model,
        data=data,
        language=spec["language"],
        pass_at_k=1,
        results=None,
        verbose=0,
        **spec.get("args", {}),
    )
    strategy.run_details = {}
    result = {"calls": model.calls, "code": None, "error": None}
    try:
        response = strategy.run_single_pass(dict(spec["record"]))
        if spec["repository"] == "mapcoder":
            response = response[0]
            result["code"] = strategy.parse_code(response) if hasattr(strategy, "parse_code") else parse_response(response)
        else:
            result["code"] = parse_response(response)
    except Exception as error:  # the authors' code stopped: report it with the calls made so far
        result["error"] = f"{type(error).__name__}: {error}"
    return result


try:
    spec = first
    while spec is not None:
        if spec["repository"] != first["repository"]:
            raise SystemExit("one process drives one repository")
        result_stream.write(json.dumps(run_case(spec)) + "\n")
        result_stream.flush()
        line = sys.stdin.readline()
        spec = json.loads(line) if line.strip() else None
finally:
    shutil.rmtree(work, ignore_errors=True)
