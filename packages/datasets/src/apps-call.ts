import type { Executor } from "@cg/executor";
import type { Verdict } from "./types";
import { verdictFrom } from "./verdict";

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
    "class CgAppsWrongAnswer(Exception):",
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
    "        raise CgAppsWrongAnswer(f'expected {expected!r}, got {output!r}')",
    "__cg_apps_call()",
  ].join("\n");
}

/**
 * Runs call-based tests in order, each a fresh sandboxed run of `program + call`, stopping at the
 * first failure as APPS does. A wrong return value is `wrong_answer`.
 */
export async function runAppsCallTests(
  executor: Executor,
  program: string,
  fnName: string,
  tests: readonly AppsCallTest[],
  wallSeconds: number,
): Promise<Verdict & { failedTest?: number }> {
  // APPS looks the method up on Solution() whenever the program mentions that class.
  const classBased = program.includes("class Solution");
  let wallMs = 0;
  let cpuMs = 0;
  for (const [index, test] of tests.entries()) {
    const result = await executor.execute({
      language: "python",
      source: `${program}\n\n${callTestProgram(fnName, classBased, test)}\n`,
      limits: { wallSeconds },
    });
    wallMs += result.wallMs;
    cpuMs += result.cpuMs;
    if (!result.passed) {
      const verdict = verdictFrom(result);
      const wrongAnswer = result.errorType === "CgAppsWrongAnswer";
      return {
        ...verdict,
        ...(wrongAnswer ? { status: "wrong_answer" as const } : {}),
        errorMessage: `test ${index + 1} of ${tests.length}: ${result.errorMessage ?? result.status}`,
        wallMs,
        cpuMs,
        failedTest: index,
      };
    }
  }
  return { passed: true, status: "passed", wallMs, cpuMs, stdout: "", stderr: "" };
}
