import type { ChatModel, ChatRequest, ChatResponse } from "@cg/models";

export type ScriptedAnswer = string | { text: string; reasoning?: string; costUsd?: number | null };

/**
 * A chat model whose answers the test chooses, in order. It records every request so that tests
 * can assert what was asked and how many calls were made.
 */
export class ScriptedChatModel implements ChatModel {
  readonly spec = "scripted:test";
  readonly provider = "scripted";
  readonly model = "test";
  readonly requests: ChatRequest[] = [];
  private next = 0;

  constructor(private readonly answers: readonly ScriptedAnswer[]) {}

  get calls(): number {
    return this.requests.length;
  }

  /** The user message of the i-th request. */
  prompt(index: number): string {
    return this.requests[index]?.messages.at(-1)?.content ?? "";
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    this.requests.push(request);
    const answer = this.answers[this.next];
    if (answer === undefined) throw new Error(`The script has ${this.answers.length} answers; call ${this.next + 1} has none.`);
    this.next += 1;
    const { text, reasoning, costUsd } = typeof answer === "string" ? { text: answer, reasoning: undefined, costUsd: 0.001 } : answer;
    return {
      choices: [{ text, ...(reasoning ? { reasoning } : {}), finishReason: "stop" }],
      usage: { promptTokens: 100, completionTokens: 10 },
      costUsd: costUsd === undefined ? 0.001 : costUsd,
      latencyMs: 5,
      provider: this.provider,
      model: this.model,
      cached: false,
      attempts: 1,
    };
  }
}
