import { gzipSync } from "node:zlib";
import type { ProblemDetail } from "./report-model";

/**
 * A detail block as it is embedded: gzip-compressed JSON in base64, which the page decodes with
 * the browser's DecompressionStream when the problem is opened. Traces repeat the problem
 * statement in call after call, so they shrink several-fold.
 */
export function encodeDetail(detail: ProblemDetail): string {
  return gzipSync(JSON.stringify(detail)).toString("base64");
}
