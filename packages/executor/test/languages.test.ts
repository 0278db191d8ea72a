import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findToolchain, installHint, LANGUAGES, missingToolchainMessage, type ExecutionPool, type TestCase } from "../src";
import { createTestPool } from "./pool";
import { PROGRAMS } from "./programs";

// Every language against the real sandbox. A language whose toolchain is not installed is
// skipped, with the reason in its title, and must instead be marked toolchain_missing. CI installs
// every toolchain Debian packages (.ci/run, checked below); Swift, Dart and Julia it cannot.
let pool: ExecutionPool;
beforeAll(async () => {
  pool = await createTestPool();
});
afterAll(async () => {
  await pool.close();
});

const SUM_TESTS: TestCase[] = [
  { input: "1 2\n", expected: "3\n" },
  { input: "-5 7", expected: "2" },
  { input: "1000000000 1000000000\n", expected: "2000000000" },
];

// JVM and BEAM start-ups take seconds on a loaded 2-core machine; the limit is not what is tested.
const GENEROUS = { wallSeconds: 20 };

for (const language of LANGUAGES) {
  const programs = PROGRAMS[language.id]!;
  const toolchain = findToolchain(language);
  const title = toolchain.installed ? language.name : `${language.name} (skipped: ${missingToolchainMessage(toolchain)})`;

  describe.skipIf(!toolchain.installed).concurrent(title, { timeout: 300_000 }, () => {
    it("passes a correct program on every test, compiled once", async () => {
      const result = await pool.judge({ language: language.id, source: programs.sum, tests: SUM_TESTS, limits: GENEROUS });
      expect(result, result.errorMessage).toMatchObject({ status: "passed", passed: true, language: language.id });
      expect(result.tests.map((test) => [test.status, test.stdout.trim()])).toEqual([
        ["passed", "3"],
        ["passed", "2"],
        ["passed", "2000000000"],
      ]);
      expect(result.compile?.status).toBe(language.compile ? "passed" : undefined);
    });

    it("stops at the first wrong answer and says which test and where", async () => {
      const tests = [{ input: "4 0", expected: "4" }, { input: "1 2", expected: "3" }, { input: "2 2", expected: "4" }];
      const result = await pool.judge({ language: language.id, source: programs.difference, tests, limits: GENEROUS });
      expect(result).toMatchObject({ status: "wrong_answer", passed: false, failedTest: 1 });
      expect(result.tests.map((test) => test.status)).toEqual(["passed", "wrong_answer"]);
      expect(result.tests[1]!.mismatch).toMatchObject({ token: 1, expected: "3", actual: "-1" });
      expect(result.errorMessage).toMatch(/^test 2 of 3: wrong answer: token 1 differs/);
    });

    it(language.compile ? "reports a compile error before running any test" : "reports a program that does not parse", async () => {
      const result = await pool.judge({ language: language.id, source: programs.broken, tests: SUM_TESTS, limits: GENEROUS });
      if (language.compile) {
        expect(result).toMatchObject({ status: "compile_error", passed: false, tests: [] });
        expect(result.compile!.status).toBe("compile_error");
        expect(result.errorMessage).toMatch(/^compile error: /);
        expect(`${result.compile!.stderr}${result.compile!.stdout}`).not.toBe("");
      } else {
        expect(result).toMatchObject({ status: "runtime_error", failedTest: 0 });
        expect(result.tests).toHaveLength(1);
      }
    });

    it("times out an endless loop at the test's wall limit", async () => {
      const result = await pool.judge({ language: language.id, source: programs.loop, tests: SUM_TESTS, limits: { wallSeconds: 1 } });
      expect(result).toMatchObject({ status: "timeout", failedTest: 0 });
      expect(result.tests).toHaveLength(1);
      // Killed at the limit, however long the compile before it took on a loaded machine.
      expect(result.tests[0]!.wallMs).toBeGreaterThanOrEqual(1000);
      expect(result.tests[0]!.wallMs).toBeLessThan(5000);
    });
  });

  if (!toolchain.installed) {
    describe(`${language.name} without its toolchain`, () => {
      it("marks its samples toolchain_missing and says how to install the toolchain", async () => {
        const result = await pool.judge({ language: language.id, source: programs.sum, tests: SUM_TESTS });
        expect(result).toMatchObject({ status: "toolchain_missing", passed: false, tests: [] });
        expect(result.errorMessage).toBe(missingToolchainMessage(toolchain));
        expect(result.errorMessage).toContain(installHint(language));
      });
    });
  }
}

// .ci/run installs every toolchain Debian packages and says so: there a missing one fails the run
// instead of skipping its language's tests.
describe.runIf(process.env.CG_REQUIRE_TOOLCHAINS === "1")("CI", () => {
  it("has every toolchain Debian packages installed, so that no language test was skipped", () => {
    const packaged = LANGUAGES.filter((language) => language.toolchain.packages.length > 0);
    const missing = packaged.map((language) => findToolchain(language)).filter((status) => !status.installed);
    expect(missing.map(missingToolchainMessage)).toEqual([]);
  });
});
