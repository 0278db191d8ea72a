import type { PublicTest, PublicTestReport, Sandbox } from "./types";

const MAX_DETAIL = 600;

/**
 * Python that runs one assert and, for `assert CALL == EXPECTED`, reports the value the program
 * produced, which is what a debugging prompt needs. `setup` (imports the test itself needs) runs
 * in a copy of the program's globals, so the program under test does not see it.
 */
function explainingAssert(test: string, setup: string | undefined): string {
  const scope =
    setup === undefined
      ? "globals()"
      : `(lambda scope: (exec(${JSON.stringify(setup)}, scope), scope)[1])(dict(globals()))`;
  return [
    "def __cg_run_public_test(source, scope):",
    "    import ast",
    "    tree = ast.parse(source)",
    "    node = tree.body[0] if len(tree.body) == 1 else None",
    "    if isinstance(node, ast.Assert) and isinstance(node.test, ast.Compare) and len(node.test.ops) == 1 and isinstance(node.test.ops[0], ast.Eq):",
    "        actual = eval(compile(ast.Expression(node.test.left), '<test>', 'eval'), scope)",
    "        expected = eval(compile(ast.Expression(node.test.comparators[0]), '<test>', 'eval'), scope)",
    "        if not actual == expected:",
    "            raise AssertionError(f'expected {expected!r}, got {actual!r}')",
    "    else:",
    "        exec(compile(tree, '<test>', 'exec'), scope)",
    `__cg_run_public_test(${JSON.stringify(test)}, ${scope})`,
  ].join("\n");
}

/**
 * Runs assert-style public tests one by one after a program, so a strategy learns which example
 * failed and how. Each test is its own sandboxed run of `program + test`.
 */
export async function runAssertTests(
  program: string,
  tests: PublicTest[],
  sandbox: Sandbox,
  wallSeconds: number,
  options: { testSetup?: string } = {},
): Promise<PublicTestReport> {
  const results: PublicTestReport["results"] = [];
  for (const test of tests) {
    if (test.kind !== "assert") continue;
    const result = await sandbox.execute({
      language: "python",
      source: program,
      tests: `\n${explainingAssert(test.code, options.testSetup)}\n`,
      limits: { wallSeconds },
    });
    const detail = result.passed
      ? "passed"
      : result.status === "failed"
        ? `assertion failed${result.errorMessage ? `: ${result.errorMessage}` : ""}`
        : `${result.status}${result.errorType ? ` (${result.errorType}: ${result.errorMessage ?? ""})` : result.errorMessage ? ` (${result.errorMessage})` : ""}`;
    results.push({ test, passed: result.passed, status: result.status, detail: detail.slice(0, MAX_DETAIL) });
  }
  const failures = results.filter((r) => !r.passed);
  const log =
    failures.length === 0
      ? `All ${results.length} public tests passed.`
      : failures.map((r) => `Test: ${r.test.kind === "assert" ? r.test.code : r.test.input}\nResult: ${r.detail}`).join("\n\n");
  return { passed: failures.length === 0, results, log };
}

/**
 * Runs io-style public tests one at a time with a dataset's own scoring of a single test, so a
 * strategy learns which example failed and how.
 */
export async function runIoTests(
  tests: PublicTest[],
  scoreOne: (index: number) => Promise<{ passed: boolean; status: PublicTestReport["results"][number]["status"]; errorMessage?: string; stdout?: string }>,
): Promise<PublicTestReport> {
  const results: PublicTestReport["results"] = [];
  for (const [index, test] of tests.entries()) {
    if (test.kind !== "io") continue;
    const verdict = await scoreOne(index);
    const detail = verdict.passed ? "passed" : `${verdict.status}${verdict.errorMessage ? `: ${verdict.errorMessage}` : ""}`;
    results.push({ test, passed: verdict.passed, status: verdict.status, detail: detail.slice(0, MAX_DETAIL), ...(verdict.stdout === undefined ? {} : { stdout: verdict.stdout }) });
  }
  const failures = results.filter((r) => !r.passed);
  const log =
    failures.length === 0
      ? `All ${results.length} public tests passed.`
      : failures
          .map((r) => (r.test.kind === "io" ? `Input:\n${r.test.input}\nExpected output:\n${r.test.output}\nResult: ${r.detail}` : r.detail))
          .join("\n\n");
  return { passed: failures.length === 0, results, log };
}
