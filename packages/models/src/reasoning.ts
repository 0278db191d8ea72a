export interface SplitText {
  text: string;
  reasoning?: string;
}

const OPEN = "<think>";
const CLOSE = "</think>";

/**
 * Separates inline `<think>` reasoning (Qwen3, DeepSeek-R1 and similar served without a
 * reasoning parser) from the answer, so that code extraction only sees the answer.
 *
 * Handles a block whose opening tag was emitted by the chat template rather than the model
 * (only `</think>` appears) and a block cut off by the token limit (no `</think>`).
 */
export function splitThinking(raw: string): SplitText {
  const open = raw.indexOf(OPEN);
  const close = raw.indexOf(CLOSE);
  if (open === -1 && close === -1) return { text: raw };

  if (close !== -1 && (open === -1 || close < open)) {
    return joinParts("", raw.slice(0, close), raw.slice(close + CLOSE.length));
  }
  if (close === -1) {
    return joinParts(raw.slice(0, open), raw.slice(open + OPEN.length), "");
  }
  return joinParts(raw.slice(0, open), raw.slice(open + OPEN.length, close), raw.slice(close + CLOSE.length));
}

function joinParts(before: string, thought: string, after: string): SplitText {
  const text = (before + after).trim();
  const reasoning = thought.trim();
  return reasoning.length > 0 ? { text, reasoning } : { text };
}

/** Combines reasoning reported in a separate field with any inline `<think>` block. */
export function withReasoning(content: string, separateReasoning: string | null | undefined): SplitText {
  const split = splitThinking(content);
  const parts = [separateReasoning?.trim(), split.reasoning].filter((part): part is string => !!part);
  return parts.length > 0 ? { text: split.text, reasoning: parts.join("\n\n") } : { text: split.text };
}
