import { autoCodeBenchLanguage, spliceAutoCodeBench, UnknownAutoCodeBenchLanguageError } from "@cg/autocodebench-judge";
import { z } from "zod";
import { SubmissionError } from "./errors";

/** `true`/`false` as JSON booleans or as the strings AutoCodeBench's own client sends. */
const flagSchema = z.union([z.boolean(), z.enum(["true", "false", "True", "False"])]);

/** A `POST /submit` body: AutoCodeBench's sandbox API. Unknown fields are ignored, as there. */
export const submissionSchema = z.looseObject({
  src_uid: z.string().min(1, "src_uid must not be empty").max(512),
  lang: z.string().min(1, "lang must not be empty").max(64),
  source_code: z.string().optional(),
  func_code: z.string().optional(),
  main_code: z.string().optional(),
  show_log: flagSchema.optional(),
  request_extensions: z
    .looseObject({
      // Checked by timeoutOf, whose message names the accepted spellings.
      timeout: z.unknown().optional(),
      debug: flagSchema.optional(),
    })
    .optional(),
});

export type SubmissionBody = z.infer<typeof submissionSchema>;

export interface SubmissionLimits {
  /** Largest source (or solution or tests) in bytes. */
  maxSourceBytes: number;
  /** Largest timeout a request may ask for, in seconds. */
  maxTimeoutSeconds: number;
  /** Timeout when a request gives none (the reference sandbox's: 5 s). */
  defaultTimeoutSeconds: number;
}

/** A validated submission, ready to run. */
export interface Submission {
  srcUid: string;
  /** The sandbox's universal language name. */
  language: string;
  source: string;
  /** Whether the source was joined from `func_code` and `main_code` (then echoed as `all_code`). */
  spliced: boolean;
  timeoutSeconds: number;
  showLog: boolean;
}

/** Validates a body and builds the program; throws SubmissionError with the status to answer. */
export function parseSubmission(body: unknown, limits: SubmissionLimits): Submission {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new SubmissionError(400, "the body must be a JSON object (Content-Type: application/json) with src_uid, lang and source_code");
  }
  const parsed = submissionSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? issue.path.join(".") : "body";
    throw new SubmissionError(400, `invalid ${field}: ${issue.message}`);
  }
  const request = parsed.data;
  let language: string;
  try {
    language = autoCodeBenchLanguage(request.lang);
  } catch (error) {
    if (error instanceof UnknownAutoCodeBenchLanguageError) throw new SubmissionError(400, error.message);
    throw error;
  }
  for (const field of ["source_code", "func_code", "main_code"] as const) {
    const text = request[field];
    if (text !== undefined && Buffer.byteLength(text) > limits.maxSourceBytes) {
      throw new SubmissionError(413, `${field} is ${Buffer.byteLength(text)} bytes; the limit is ${limits.maxSourceBytes} (raise it with --max-source-bytes)`);
    }
  }
  const spliced = request.source_code === undefined && request.func_code !== undefined && request.main_code !== undefined;
  const source = spliced ? spliceAutoCodeBench(language, request.func_code!, request.main_code!) : request.source_code;
  if (!source) {
    throw new SubmissionError(400, "missing required field: source_code (or both func_code and main_code, which are joined per language)");
  }
  return {
    srcUid: request.src_uid,
    language,
    source,
    spliced,
    timeoutSeconds: timeoutOf(request.request_extensions?.timeout, limits),
    showLog: request.show_log === undefined || String(request.show_log).toLowerCase() === "true",
  };
}

/** A plain decimal: no sign, exponent, radix prefix, blanks or trailing words. */
const DECIMAL = /^\d+(\.\d+)?$/;

function timeoutOf(raw: unknown, limits: SubmissionLimits): number {
  if (raw === undefined) return limits.defaultTimeoutSeconds;
  const seconds = typeof raw === "number" ? raw : typeof raw === "string" && DECIMAL.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > limits.maxTimeoutSeconds) {
    throw new SubmissionError(
      400,
      `request_extensions.timeout must be a number of seconds in (0, ${limits.maxTimeoutSeconds}], as a JSON number or a decimal string such as "5", got ${shown(raw)}`,
    );
  }
  return seconds;
}

/** A value as the client sent it, briefly: numbers as written (JSON has no Infinity), others as JSON. */
function shown(value: unknown): string {
  const text = typeof value === "number" ? String(value) : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}
