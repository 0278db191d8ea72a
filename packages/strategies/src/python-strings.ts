import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { ReferenceSourceError } from "./errors.js";

const partSchema = z.union([
  z.strictObject({ text: z.string() }),
  z.strictObject({ field: z.string(), conversion: z.string().nullable(), spec: z.string() }),
]);

const stringSchema = z.strictObject({
  key: z.string().nullable(),
  column: z.number(),
  raw: z.string().nullable(),
  scope: z.string(),
  target: z.string().nullable(),
  line: z.number(),
  fstring: z.boolean(),
  formattable: z.boolean(),
  parts: z.array(partSchema),
});

export type TemplatePart = z.infer<typeof partSchema>;
type PythonString = z.infer<typeof stringSchema>;

/** Which string of a file: every given property must match, and `nth` picks among the matches. */
export interface StringLocator {
  /** Enclosing function or class, dotted (`CodeSIM.run_single_pass`); "" for module level. */
  scope: string;
  /** The name the string is assigned to. */
  target?: string;
  /** The dict key the string is the value of (`content` of a chat message). */
  key?: string;
  /** Only f-strings, or only plain strings. */
  fstring?: boolean;
  /** Among the matches in source order, from 0. Without it exactly one string must match. */
  nth?: number;
}

/**
 * A string of a Python source, as a template: an f-string with its expressions, or a plain
 * string with its `str.format` fields. Filling it is Python's formatting for string values: the
 * values are supplied already rendered, keyed by the expression's source text (`self.language`)
 * or the format field's name (`problem`).
 */
export class PythonTemplate {
  constructor(
    readonly where: string,
    readonly parts: readonly TemplatePart[],
    /** A plain string's value as written (no format escapes applied); null for an f-string. */
    readonly raw: string | null,
  ) {}

  /** The names of the fields the template reads, in order of first use. */
  get fields(): string[] {
    return [...new Set(this.parts.flatMap((part) => ("field" in part ? [part.field] : [])))];
  }

  /** @throws ReferenceSourceError naming any field without a value, or a value given for no field. */
  fill(values: Readonly<Record<string, string>>): string {
    const missing = this.fields.filter((field) => !(field in values));
    const unused = Object.keys(values).filter((name) => !this.fields.includes(name));
    if (missing.length > 0 || unused.length > 0) {
      throw new ReferenceSourceError(
        `${this.where} reads ${this.fields.join(", ") || "no fields"}; ` +
          `${missing.length > 0 ? `no value for ${missing.join(", ")}` : `values given for unknown ${unused.join(", ")}`}`,
      );
    }
    return this.parts
      .map((part) => {
        if ("text" in part) return part.text;
        if ((part.conversion !== null && part.conversion !== "s") || part.spec !== "") {
          throw new ReferenceSourceError(`${this.where}: field ${part.field} uses a conversion or format spec, which filling does not support`);
        }
        return values[part.field]!;
      })
      .join("");
  }

  /** The plain string's value; for text used as it is rather than formatted. */
  text(): string {
    if (this.raw === null) throw new ReferenceSourceError(`${this.where} is an f-string; fill it instead`);
    return this.raw;
  }
}

/** The strings of one Python source file, read by Python's own parser (`ast`). */
export class PythonStrings {
  private constructor(
    private readonly path: string,
    private readonly strings: readonly PythonString[],
  ) {}

  static async parse(path: string, source: string): Promise<PythonStrings> {
    const [strings] = await PythonStrings.parseMany([{ path, source }]);
    return strings!;
  }

  /** Several files with one python3 start-up, which costs more than parsing them. */
  static async parseMany(files: ReadonlyArray<{ path: string; source: string }>): Promise<PythonStrings[]> {
    const script = fileURLToPath(new URL("../python/python_strings.py", import.meta.url));
    const names = files.map((file) => file.path).join(", ");
    const output = await new Promise<string>((resolve, reject) => {
      const child = execFile("python3", [script], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) {
          reject(new ReferenceSourceError(`could not read the strings of ${names} with python3: ${stderr.trim() || error.message}`, { cause: error }));
        } else {
          resolve(stdout);
        }
      });
      child.stdin?.end(JSON.stringify(files.map((file) => file.source)));
    });
    const parsed = z.array(z.strictObject({ strings: z.array(stringSchema) })).length(files.length).parse(JSON.parse(output));
    return parsed.map((result, i) => new PythonStrings(files[i]!.path, result.strings));
  }

  template(locator: StringLocator): PythonTemplate {
    const matches = this.strings.filter(
      (s) => s.scope === locator.scope && (locator.target === undefined || s.target === locator.target) && (locator.key === undefined || s.key === locator.key) &&
        (locator.fstring === undefined || s.fstring === locator.fstring),
    );
    const where = `${this.path} (${JSON.stringify(locator)})`;
    const chosen = locator.nth === undefined ? (matches.length === 1 ? matches[0] : undefined) : matches[locator.nth];
    if (chosen === undefined) {
      throw new ReferenceSourceError(`${where} matches ${matches.length} strings${locator.nth === undefined ? ", not exactly one" : ""}; the pinned source does not hold the expected text`);
    }
    return new PythonTemplate(`${where}, line ${chosen.line}`, chosen.parts, chosen.raw);
  }
}
