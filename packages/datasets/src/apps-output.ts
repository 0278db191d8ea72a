/**
 * APPS's acceptance rule for standard-input problems (hendrycks/apps, eval/testing_util.py),
 * reimplemented: an output passes if any of the reference harness's successive comparisons
 * accepts it, from a stripped string comparison down to comparing each line's set of tokens.
 */
export function appsOutputMatches(stdout: string, expected: string): boolean {
  const lines = pythonSplitLines(stdout);
  const want = expected.trim();
  if (lines.join("\n").trim() === want) return true;
  if (lines.map((line) => line.trim()).join("\n").trim() === want) return true;
  if (lines.length === 1 && lines[0] === expected) return true;

  const wantLines = expected.split("\n").filter((line) => line.length > 0).map((line) => line.trim());
  if (sameList(lines, wantLines)) return true;
  const outLines = lines.filter((line) => line.length > 0);
  if (sameList(outLines, wantLines)) return true;
  if (allClose(outLines, wantLines)) return true;

  // The last resort ignores line order, repeated lines and token order within a line.
  const wantSets = wantLines.map((line) => tokens(line));
  const outSets = outLines.map((line) => tokens(line)).filter((set) => set.length > 0);
  if (sameSetOfSets(outSets, wantSets, (token) => token)) return true;
  return sameSetOfSets(outSets, wantSets, roundedTo3);
}

/** Python's str.splitlines(): no empty last element for a trailing line break. */
function pythonSplitLines(text: string): string[] {
  // eslint-disable-next-line no-control-regex -- Python also breaks lines at these separators
  const lines = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function tokens(line: string): string[] {
  return line.split(/\s+/).filter((token) => token.length > 0);
}

/** Python's float() on a string, or undefined where it would raise. */
export function pythonFloat(text: string): number | undefined {
  const trimmed = text.trim();
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(trimmed);
  if (special) return special[2]!.toLowerCase() === "nan" ? Number.NaN : special[1] === "-" ? -Infinity : Infinity;
  if (!/^[+-]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d(_?\d)*)?$/.test(trimmed)) return undefined;
  return Number(trimmed.replaceAll("_", ""));
}

/** numpy.allclose with its defaults (rtol 1e-5, atol 1e-8) over lines that are all numbers. */
function allClose(actual: readonly string[], expected: readonly string[]): boolean {
  if (actual.length !== expected.length) return false;
  const a = actual.map(pythonFloat);
  const b = expected.map(pythonFloat);
  if (a.some((x) => x === undefined) || b.some((x) => x === undefined)) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    if (x === y) return true;
    return Math.abs(x! - y) <= 1e-8 + 1e-5 * Math.abs(y);
  });
}

function roundedTo3(token: string): string | undefined {
  const value = pythonFloat(token);
  return value === undefined ? undefined : String(Math.round(value * 1000) / 1000);
}

/** Compares two lists of token lists as sets of sets, after mapping each token (undefined: no match). */
function sameSetOfSets(a: string[][], b: string[][], key: (token: string) => string | undefined): boolean {
  const keyed = (sets: string[][]): Set<string> | undefined => {
    const result = new Set<string>();
    for (const set of sets) {
      const keys = set.map(key);
      if (keys.some((k) => k === undefined)) return undefined;
      result.add([...new Set(keys as string[])].sort().join("\u0000"));
    }
    return result;
  };
  const left = keyed(a);
  const right = keyed(b);
  if (!left || !right || left.size !== right.size) return false;
  return [...left].every((k) => right.has(k));
}
