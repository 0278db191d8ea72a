/**
 * LiveCodeBench's acceptance rule for standard-input problems (lcb_runner's testing_util): the
 * stripped outputs must have as many lines as expected, and each pair of stripped lines must be
 * equal as text or, failing that, as lists of decimal numbers.
 */
export function lcbOutputMatches(stdout: string, expected: string): boolean {
  const actualLines = stdout.trim().split("\n");
  const expectedLines = expected.trim().split("\n");
  if (actualLines.length !== expectedLines.length) return false;
  return actualLines.every((line, i) => {
    const a = line.trim();
    const b = expectedLines[i]!.trim();
    if (a === b) return true;
    const x = decimals(a);
    const y = decimals(b);
    return x !== undefined && y !== undefined && x.length === y.length && x.every((d, j) => d !== "nan" && d === y[j]);
  });
}

/** Each whitespace-separated token as a canonical decimal, or undefined if one is not a number. */
function decimals(line: string): string[] | undefined {
  const result: string[] = [];
  for (const token of line.split(/\s+/).filter((t) => t.length > 0)) {
    const value = canonicalDecimal(token);
    if (value === undefined) return undefined;
    result.push(value);
  }
  return result;
}

/**
 * A form in which two tokens are equal exactly when Python's Decimal values are: `1.50`, `1.5`
 * and `15e-1` all become `+15e-1`. NaN never equals anything, as in Decimal.
 */
export function canonicalDecimal(token: string): string | undefined {
  const text = token.replaceAll("_", "");
  const special = /^([+-]?)(inf|infinity|s?nan)$/i.exec(text);
  if (special) return special[2]!.toLowerCase().endsWith("nan") ? "nan" : `${special[1] === "-" ? "-" : "+"}inf`;
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match || (match[2]!.length === 0 && (match[3] ?? "").length === 0)) return undefined;
  const fraction = match[3] ?? "";
  let digits = (match[2]! + fraction).replace(/^0+/, "");
  if (digits.length === 0) return "0";
  let exponent = Number(match[4] ?? "0") - fraction.length;
  const trailing = digits.length - digits.replace(/0+$/, "").length;
  digits = digits.slice(0, digits.length - trailing);
  exponent += trailing;
  return `${match[1] === "-" ? "-" : "+"}${digits}e${exponent}`;
}
