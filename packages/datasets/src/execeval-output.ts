/**
 * ExecEval's output check (the execution engine xCodeEval is scored with): the outputs have the
 * same whitespace-separated tokens, where two tokens that both read as numbers match when they
 * differ by at most 1e-12, and `yes`, `no`, `true` and `false` match in any letter case.
 *
 * ExecEval compares numbers as 129-bit floats; here decimal numbers are compared exactly, which
 * differs only for numbers of more than about 38 significant digits. Its float semantics are
 * kept where they decide a verdict: NaN matches any number, and infinity only itself.
 */
export function execEvalAccepts(stdout: string, expected: string): boolean {
  const actual = stdout.trim().split(/\s+/).filter((token) => token !== "");
  const wanted = expected.trim().split(/\s+/).filter((token) => token !== "");
  return actual.length === wanted.length && actual.every((token, i) => tokensMatch(token, wanted[i]!));
}

const CASELESS = new Set(["yes", "no", "true", "false"]);

function tokensMatch(a: string, b: string): boolean {
  const x = parseNumber(a);
  const y = parseNumber(b);
  if (x !== undefined && y !== undefined) return numbersMatch(x, y);
  const normal = (token: string) => (CASELESS.has(token.toLowerCase()) ? token.toLowerCase() : token);
  return normal(a) === normal(b);
}

/** A decimal as digits × 10^exponent, or an IEEE special value. */
type ParsedNumber = { kind: "finite"; digits: bigint; exponent: number } | { kind: "nan" } | { kind: "infinity"; negative: boolean };

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const SPECIAL = /^([+-]?)(nan|inf|infinity)$/i;

function parseNumber(token: string): ParsedNumber | undefined {
  const special = SPECIAL.exec(token);
  if (special) return special[2]!.toLowerCase() === "nan" ? { kind: "nan" } : { kind: "infinity", negative: special[1] === "-" };
  const match = DECIMAL.exec(token);
  if (!match) return undefined;
  const [, sign, whole = "", fraction = "", exponent = "0"] = match;
  if (whole === "" && fraction === "") return undefined;
  const magnitude = BigInt(`${whole}${fraction}` || "0");
  return { kind: "finite", digits: sign === "-" ? -magnitude : magnitude, exponent: Number(exponent) - fraction.length };
}

const TOLERANCE_EXPONENT = -12;
// Past this scale exact integers would cost time and memory an untrusted output could exploit;
// such numbers are compared as doubles instead.
const MAX_EXACT_SCALE = 400;

function numbersMatch(x: ParsedNumber, y: ParsedNumber): boolean {
  // A difference involving NaN is NaN, and NaN is never greater than the tolerance.
  if (x.kind === "nan" || y.kind === "nan") return true;
  if (x.kind === "infinity" || y.kind === "infinity") return x.kind === "infinity" && y.kind === "infinity" && x.negative === y.negative;
  if (Math.abs(x.exponent) > MAX_EXACT_SCALE || Math.abs(y.exponent) > MAX_EXACT_SCALE || x.digits.toString().length > MAX_EXACT_SCALE || y.digits.toString().length > MAX_EXACT_SCALE) {
    const difference = Math.abs(toDouble(x) - toDouble(y));
    return !(difference > 1e-12);
  }
  // Scale both to a common power of ten at or below the tolerance's, then compare integers.
  const base = Math.min(x.exponent, y.exponent, TOLERANCE_EXPONENT);
  const scaled = (n: { digits: bigint; exponent: number }) => n.digits * 10n ** BigInt(n.exponent - base);
  const difference = scaled(x) - scaled(y);
  const tolerance = 10n ** BigInt(TOLERANCE_EXPONENT - base);
  return (difference < 0n ? -difference : difference) <= tolerance;
}

function toDouble(n: { digits: bigint; exponent: number }): number {
  return Number(`${n.digits}e${n.exponent}`);
}
