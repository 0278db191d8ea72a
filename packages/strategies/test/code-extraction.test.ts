import { describe, expect, it } from "vitest";
import { extractCode } from "../src/index.js";

describe("extractCode", () => {
  it("takes a python-tagged fenced block", () => {
    expect(extractCode("Sure:\n```python\ndef f():\n    return 1\n```\nDone.", "python")).toBe("def f():\n    return 1");
  });

  it("accepts the usual tag spellings and tilde fences", () => {
    expect(extractCode("```py\nx = 1\n```", "python")).toBe("x = 1");
    expect(extractCode("```Python3\nx = 2\n```", "python")).toBe("x = 2");
    expect(extractCode("~~~python\nx = 3\n~~~", "python")).toBe("x = 3");
  });

  it.each([
    ["cpp", "c++", "int f() { return 1; }"],
    ["csharp", "cs", "class A {}"],
    ["csharp", "c#", "class B {}"],
    ["bash", "sh", "echo hi"],
    ["kotlin", "kt", "fun f() = 1"],
    ["racket", "rkt", "(define x 1)"],
    ["r", "R", "f <- function(x) x"],
  ])("takes a %s block tagged %s over a block in another language", (language, tag, code) => {
    const fence = "```";
    const answer = `Explanation:\n\n${fence}text\nnot code\n${fence}\n\n${fence}${tag}\n${code}\n${fence}\n`;
    expect(extractCode(answer, language)).toBe(code);
  });

  it("takes the last complete block of the right language", () => {
    const text = "First try:\n```python\nx = 1\n```\nBetter:\n```python\nx = 2\n```\nOutput:\n```text\n2\n```";
    expect(extractCode(text, "python")).toBe("x = 2");
  });

  it("prefers the last block defining the entry point over a later usage example", () => {
    const text = "```python\ndef add(a, b):\n    return a + b\n```\nUsage:\n```python\nprint(add(2, 3))\n```";
    expect(extractCode(text, "python", { entryPoint: "add" })).toBe("def add(a, b):\n    return a + b");
    expect(extractCode(text, "python")).toBe("print(add(2, 3))");
  });

  it("falls back to untagged blocks when no block is tagged with the language", () => {
    expect(extractCode("```\nprint(5)\n```\n```bash\npython main.py\n```", "python")).toBe("print(5)");
  });

  it("un-indents a block nested in a list item", () => {
    const text = "1. The code:\n   ```python\n   def f():\n       return 1\n   ```";
    expect(extractCode(text, "python")).toBe("def f():\n    return 1");
  });

  it("keeps a fence of three backticks inside a longer fence", () => {
    const text = "````python\ns = '''\n```\n'''\n````";
    expect(extractCode(text, "python")).toBe("s = '''\n```\n'''");
  });

  it("uses a block cut off by the token limit when there is no complete one", () => {
    expect(extractCode("```python\ndef f():\n    return 1\n", "python")).toBe("def f():\n    return 1");
  });

  it("reads code given without fences, stopping at prose", () => {
    const text = "Here is my solution:\n\nimport sys\n\ndef main():\n    print(sum(map(int, sys.stdin.read().split())))\n\nmain()\n\nThis reads both numbers and prints the sum.";
    expect(extractCode(text, "python")).toBe("import sys\n\ndef main():\n    print(sum(map(int, sys.stdin.read().split())))\n\nmain()");
  });

  it("stops at a one-word sentence after unfenced code", () => {
    expect(extractCode("def f():\n    return 1\nDone.\nf()", "python")).toBe("def f():\n    return 1");
  });

  it("keeps a bare function body, indentation included", () => {
    expect(extractCode("    return a + b\n", "python")).toBe("    return a + b");
    expect(extractCode("return sorted(set(l))", "python")).toBe("return sorted(set(l))");
  });

  it("ignores code inside an inline thinking block", () => {
    const text = "<think>\nMaybe:\n```python\nx = 'draft'\n```\n</think>\n\n```python\nx = 'final'\n```";
    expect(extractCode(text, "python")).toBe("x = 'final'");
  });

  it("handles a thinking block whose opening tag came from the chat template", () => {
    expect(extractCode("let me think\n```python\nx = 0\n```\n</think>\nx = 1\n", "python")).toBe("x = 1");
  });

  it("reads [PYTHON] spans", () => {
    expect(extractCode("[PYTHON]\ndef f():\n    return 2\n[/PYTHON]", "python")).toBe("def f():\n    return 2");
  });

  it("normalises Windows line endings", () => {
    expect(extractCode("```python\r\nx = 1\r\ny = 2\r\n```", "python")).toBe("x = 1\ny = 2");
  });

  it("returns an empty string when the answer has no code", () => {
    expect(extractCode("I am not able to solve this problem.", "python")).toBe("");
    expect(extractCode("```text\nno code here\n```", "python")).toBe("");
    expect(extractCode("", "python")).toBe("");
  });
});
