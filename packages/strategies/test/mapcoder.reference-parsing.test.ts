import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseFirstXml } from "../src/element-tree.js";
import { InvalidStrategyOptionsError, createStrategy } from "../src/index.js";
import { REFERENCE_SAMPLING } from "../src/reference-profile.js";
import { parseCode, parseXml, pythonInt, replaceTag, trimText } from "../src/strategies/mapcoder/reference-parsing.js";

/** What Python itself makes of each text: `int(text)`, or null where it raises. */
function pythonInts(texts: readonly string[]): Array<string | null> {
  const script = "import json, sys\nout = []\nfor t in json.load(sys.stdin):\n    try:\n        out.append(str(int(t)))\n    except Exception:\n        out.append(None)\nprint(json.dumps(out))";
  return JSON.parse(execFileSync("python3", ["-c", script], { input: JSON.stringify(texts), encoding: "utf8" })) as Array<string | null>;
}

describe("MapCoder's answer parsing, as the authors' MapCoder class does it", () => {
  it("reads a confidence as Python's int() does, and nothing it refuses", () => {
    const texts = ["85", " 90 ", "+7", "-3", "0_5", "1__0", "_1", "1_", "85%", "85/100", "8.5", "", "None", "٣٥", "\u00a042\n", "0042", "1e3", "९"];
    expect(texts.map((text) => pythonInt(text)?.toString() ?? null)).toEqual(pythonInts(texts));
  });

  it("wraps a tag's content in CDATA and strips, unless the answer has CDATA for it already", () => {
    expect(replaceTag("  <a>x < y</a> <a>z</a>\n", "a")).toBe("<a><![CDATA[x < y]]></a> <a><![CDATA[z]]></a>");
    expect(replaceTag("  <a><![CDATA[x]]></a> <a>y</a>\n", "a")).toBe("  <a><![CDATA[x]]></a> <a>y</a>\n");
    expect(trimText(" echo body echo ", "echo")).toBe("body");
  });

  it("takes code as parse_code does: no cpp tag, so a ```cpp block opens as ```c", () => {
    expect(parseCode("no fence")).toBe("no fence");
    expect(parseCode("```cpp\nint main() {}\n```")).toBe("pp\nint main() {}\n\n\n");
    expect(parseCode("```python\nx = 1\n```\n```python3\ny = 2\n```")).toBe("\ny = 2\n\n\n");
    expect(parseCode("```python\nunclosed")).toBe("");
  });

  it("parses XML as parse_xml does: fences removed, then as it is, inside <root>, after <root>", async () => {
    expect(await parseXml("```xml\n<root><c>1</c><c>2</c><p><d>x</d></p><p><d>y</d></p></root>\n```")).toEqual({ c: "2", p: [{ d: "x" }, { d: "y" }] });
    expect(await parseXml("<a>1</a>\n<b></b>")).toEqual({ a: "1", b: null });
    expect(await parseXml("<a>1</a>\n</root>")).toEqual({ a: "1" });
    expect(await parseXml("Text, then <root><a>&amp;</a></root>")).toEqual({ root: { a: "&" } });
    expect(await parseXml("<a>1 & 2</a>")).toBeUndefined();
  });

  it("serves concurrent parses in order from one python3 process", async () => {
    const parses = await Promise.all(Array.from({ length: 20 }, (_, i) => parseFirstXml(["<broken", `<r><i>${i}</i></r>`])));
    expect(parses.map((parse) => (parse.index === null ? undefined : parse.root.children[0]?.text))).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    expect(parses.every((parse) => parse.index === 1)).toBe(true);
    expect(await parseFirstXml(["<unclosed>"])).toMatchObject({ index: null, error: expect.stringContaining("ParseError") });
  });
});

describe("mapcoder's options", () => {
  it("runs the reference profile by default, with the papers' sampling, from the MapCoder repository", () => {
    expect(createStrategy("mapcoder").samplingDefaults).toEqual(REFERENCE_SAMPLING);
    expect(createStrategy("mapcoder", { prompts: "cg" }).samplingDefaults).toBeUndefined();
  });

  it("refuses what the authors' code cannot ask for and a source the cg prompts do not follow", () => {
    expect(() => createStrategy("mapcoder", { k: 10 })).toThrow(/k: the reference prompts ask for at most 9 exemplars/);
    expect(createStrategy("mapcoder", { k: 10, prompts: "cg" }).name).toBe("mapcoder");
    expect(() => createStrategy("mapcoder", { prompts: "cg", source: "codesim" })).toThrow(InvalidStrategyOptionsError);
    expect(() => createStrategy("mapcoder", { source: "elsewhere" })).toThrow(/source/);
  });
});
