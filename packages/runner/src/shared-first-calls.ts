import { canonicalJson, type ChatModel, type ChatRequest, type ChatResponse } from "@cg/models";

/**
 * The samples of one problem, sharing their first model call where one request returns n
 * samples. Each sample runs its strategy alone, against its own view of the model
 * (`modelFor`); the first request any of them sends as its first call goes out as one request
 * for that sample and for every other sample yet to ask anything, and each of those then finds
 * its own answer waiting when its first call is the same request (with its own sample index),
 * as every strategy's first prompt depends on the problem alone. From there each sample goes on
 * alone.
 *
 * Each sample gets its own part of the shared response (`ChatResponse.samples`): its choice, its
 * share of the usage and cost, and whether it came from the response cache, where it is stored
 * under its own index as if it had been asked for alone. A sample whose first call differs from
 * the one prepared for it sends its own; the prepared answer is then left unused.
 */
export class SharedFirstCalls {
  /** Samples with no first call made and no answer prepared. */
  private readonly unasked: Set<number>;
  /** Answers prepared for samples that have not asked yet, by sample. */
  private readonly prepared = new Map<number, { key: string; answer: Promise<ChatResponse> }>();
  /** Samples that made their first call. */
  private readonly asked = new Set<number>();

  /** `pending`: the problem's samples still to generate. */
  constructor(
    private readonly model: ChatModel,
    pending: readonly number[],
  ) {
    this.unasked = new Set(pending);
  }

  /** The model the strategy of sample `sampleIndex` talks to. */
  modelFor(sampleIndex: number): ChatModel {
    const { model } = this;
    return { spec: model.spec, provider: model.provider, model: model.model, chat: (request) => this.chat(sampleIndex, request) };
  }

  private chat(sample: number, request: ChatRequest): Promise<ChatResponse> {
    const isFirstCall = !this.asked.has(sample) && request.sampleIndex === sample && (request.params?.n ?? 1) === 1;
    if (!isFirstCall) return this.model.chat(request);
    this.asked.add(sample);
    const key = requestKey(request);
    const prepared = this.prepared.get(sample);
    this.prepared.delete(sample);
    if (prepared?.key === key) return prepared.answer;
    this.unasked.delete(sample);
    const others = [...this.unasked];
    this.unasked.clear();
    const answers = this.askTogether(request, [sample, ...others]);
    for (const other of others) {
      const answer = answers.get(other)!;
      // The sample it is for sees a failure when it asks; one that never asks has nothing to report.
      answer.catch(() => undefined);
      this.prepared.set(other, { key, answer });
    }
    return answers.get(sample)!;
  }

  /** One request per unbroken run of sample indexes (one in all for a fresh problem), each for the run's samples. */
  private askTogether(request: ChatRequest, samples: number[]): Map<number, Promise<ChatResponse>> {
    const answers = new Map<number, Promise<ChatResponse>>();
    for (const run of unbrokenRuns(samples)) {
      const response = this.model.chat({ ...request, params: { ...request.params, n: run.length }, sampleIndex: run[0]! });
      run.forEach((sample, offset) => answers.set(sample, response.then((whole) => (run.length === 1 ? whole : partOf(whole, offset)))));
    }
    return answers;
  }
}

/** What makes two first calls the same request: everything but the sample index and the signal. */
function requestKey(request: ChatRequest): string {
  return canonicalJson({ messages: request.messages, params: request.params ?? {} });
}

function partOf(response: ChatResponse, offset: number): ChatResponse {
  const part = response.samples?.[offset];
  if (!part) throw new Error(`a response for ${response.choices.length} samples carries no part for sample ${offset}`);
  return part;
}

/** `samples` sorted and cut where an index is skipped: [4, 0, 1, 2, 6] gives [0, 1, 2], [4], [6]. */
function unbrokenRuns(samples: readonly number[]): number[][] {
  const runs: number[][] = [];
  for (const sample of [...samples].sort((a, b) => a - b)) {
    const run = runs.at(-1);
    if (run && run.at(-1)! + 1 === sample) run.push(sample);
    else runs.push([sample]);
  }
  return runs;
}
