import type { Sandbox, Verdict } from "./types";
import { runPythonCallTests, WRONG_ANSWER_EXCEPTION } from "./call-tests";

/** One call-based APPS test: the arguments, as a JSON list or as one Python literal per line. */
export interface AppsCallTest {
  arguments: { json: string } | { lines: string[] };
  /** The expected return value, JSON-encoded as published. */
  expectedJson: string;
}

/**
 * Python that calls the candidate's function once and compares the result the way APPS's
 * testing_util does: tuples become lists, and an expected list also accepts its first element.
 * JSON object keys are turned back into integers where they can be, as the reference does.
 */
function callTestProgram(fnName: string, classBased: boolean, test: AppsCallTest): string {
  const argumentsSource =
    "json" in test.arguments
      ? `json.loads(${JSON.stringify(test.arguments.json)})`
      : `[__cg_literal(line) for line in ${JSON.stringify(test.arguments.lines)}]`;
  return [
    `class ${WRONG_ANSWER_EXCEPTION}(Exception):`,
    "    pass",
    "def __cg_apps_call():",
    "    import ast, json",
    "    def __cg_literal(line):",
    "        try:",
    "            return ast.literal_eval(line)",
    "        except Exception:",
    "            return line",
    "    def int_keys(value):",
    "        try:",
    "            return {int(k): v for k, v in value.items()}",
    "        except Exception:",
    "            return value",
    `    args = ${argumentsSource}`,
    `    expected = json.loads(${JSON.stringify(test.expectedJson)})`,
    "    if args and isinstance(args[0], dict):",
    "        args = [int_keys(args[0])]",
    "    if isinstance(expected, dict):",
    "        expected = [int_keys(expected)]",
    "    elif isinstance(expected, list) and expected and isinstance(expected[0], dict):",
    "        expected = [int_keys(expected[0])]",
    `    target = ${classBased ? "Solution()" : "None"}`,
    `    method = getattr(target, ${JSON.stringify(fnName)}) if target is not None else globals()[${JSON.stringify(fnName)}]`,
    "    output = method(*args)",
    "    if isinstance(output, tuple):",
    "        output = list(output)",
    "    ok = output == expected",
    "    if isinstance(expected, list) and expected:",
    "        ok = ok or output == expected[0]",
    "    try:",
    "        if isinstance(output[0], tuple):",
    "            ok = ok or [list(x) for x in output] == expected[0]",
    "    except Exception:",
    "        pass",
    "    if not ok:",
    `        raise ${WRONG_ANSWER_EXCEPTION}(f'expected {expected!r}, got {output!r}')`,
    "__cg_apps_call()",
  ].join("\n");
}

/** Runs call-based tests in order, stopping at the first failure as APPS does. */
export function runAppsCallTests(
  sandbox: Sandbox,
  program: string,
  fnName: string,
  tests: readonly AppsCallTest[],
  wallSeconds: number,
): Promise<Verdict & { failedTest?: number }> {
  // APPS looks the method up on Solution() whenever the program mentions that class.
  const classBased = program.includes("class Solution");
  return runPythonCallTests(sandbox, program, tests.map((test) => callTestProgram(fnName, classBased, test)), wallSeconds);
}
