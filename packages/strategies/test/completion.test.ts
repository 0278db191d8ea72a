import { describe, expect, it } from "vitest";
import { assembleCompletion } from "../src/index.js";

const prompt = 'from typing import List\n\n\ndef helper(x: int) -> int:\n    return x * 2\n\n\ndef double_all(xs: List[int]) -> List[int]:\n    """Doubles each number.\n    >>> double_all([1, 2])\n    [2, 4]\n    """\n';

describe("assembleCompletion", () => {
  it("keeps an answer that repeats the signature as a solution, after the prompt's imports and helpers", () => {
    const code = "def double_all(xs):\n    return [helper(x) for x in xs]";
    const candidate = assembleCompletion(prompt, code, "double_all");
    expect(candidate.kind).toBe("solution");
    expect(candidate.code).toBe(`from typing import List\n\n\ndef helper(x: int) -> int:\n    return x * 2\n\n\n${code}`);
  });

  it("does not repeat an import the answer already has", () => {
    const code = "from typing import List\n\ndef double_all(xs: List[int]) -> List[int]:\n    return [2 * x for x in xs]";
    const candidate = assembleCompletion(prompt, code, "double_all");
    expect(candidate.code.match(/from typing import List/g)).toHaveLength(1);
    expect(candidate.code.endsWith(code)).toBe(true);
  });

  it("returns the answer as-is when the prompt has no preamble", () => {
    const bare = 'def f(x):\n    """Identity."""\n';
    expect(assembleCompletion(bare, "def f(x):\n    return x", "f")).toEqual({ kind: "solution", code: "def f(x):\n    return x" });
  });

  it("continues the prompt with a body that is already indented", () => {
    expect(assembleCompletion(prompt, "    return [2 * x for x in xs]", "double_all")).toEqual({
      kind: "completion",
      code: "    return [2 * x for x in xs]\n",
    });
  });

  it("indents a body written flush left", () => {
    const code = "out = []\nfor x in xs:\n    out.append(2 * x)\nreturn out";
    expect(assembleCompletion(prompt, code, "double_all").code).toBe("    out = []\n    for x in xs:\n        out.append(2 * x)\n    return out\n");
  });

  it("restores the indentation of a first line that lost it", () => {
    const code = "out = []\n    for x in xs:\n        out.append(2 * x)\n    return out";
    expect(assembleCompletion(prompt, code, "double_all").code).toBe("    out = []\n    for x in xs:\n        out.append(2 * x)\n    return out\n");
  });

  it("re-indents a body to the prompt's indentation and keeps top-level code after it", () => {
    const twoSpace = 'def f(x):\n  """Doc."""\n';
    const code = "    return g(x)\n\ndef g(x):\n    return x";
    expect(assembleCompletion(twoSpace, code, "f").code).toBe("  return g(x)\n\ndef g(x):\n    return x\n");
  });

  it("starts the completion on a new line when the prompt does not end with one", () => {
    expect(assembleCompletion('def f(x):\n    """Doc."""', "return x", "f").code).toBe("\n    return x\n");
  });

  it("treats the answer as a solution when the prompt is prose", () => {
    expect(assembleCompletion("Write a function f that returns 1.", "def f():\n    return 1", "f")).toEqual({
      kind: "solution",
      code: "def f():\n    return 1",
    });
  });
});
