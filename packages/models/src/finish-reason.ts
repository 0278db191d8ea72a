const COMMON: Record<string, string> = {
  stop: "stop",
  end_turn: "stop",
  stop_sequence: "stop",
  length: "length",
  max_tokens: "length",
  content_filter: "content_filter",
  safety: "content_filter",
  recitation: "content_filter",
  prohibited_content: "content_filter",
  blocklist: "content_filter",
  spii: "content_filter",
  refusal: "content_filter",
};

/** Maps each provider's vocabulary onto "stop" / "length" / "content_filter"; others pass through lower-cased. */
export function normalizeFinishReason(raw: string | null | undefined): string {
  if (!raw) return "unknown";
  const lower = raw.toLowerCase();
  return COMMON[lower] ?? lower;
}
