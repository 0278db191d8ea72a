import { detailElementId, type ProblemDetail } from "../report-model";

const cache = new Map<string, Promise<ProblemDetail | null>>();

/** A run's samples of one problem, decoded from its compressed block when first asked for. */
export function loadDetail(run: number, position: number): Promise<ProblemDetail | null> {
  const id = detailElementId(run, position);
  let detail = cache.get(id);
  if (detail === undefined) {
    detail = documentParsed().then(() => decode(id));
    cache.set(id, detail);
  }
  return detail;
}

/** Detail blocks follow the page script, so they exist only once the whole file has been read. */
function documentParsed(): Promise<void> {
  if (document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) => document.addEventListener("DOMContentLoaded", () => resolve(), { once: true }));
}

async function decode(id: string): Promise<ProblemDetail | null> {
  const element = document.getElementById(id);
  if (element === null) return null;
  const bytes = base64Bytes(element.textContent ?? "");
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text()) as ProblemDetail;
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> }).fromBase64;
  if (fromBase64) return fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
