import type { RateBudget, RatePermit } from "../../src/index.js";

/** A budget that lets every request through at once and writes down what it was asked and told. */
export class LedgerBudget implements RateBudget {
  readonly events: string[] = [];

  async acquire(estimatedTokens: number): Promise<RatePermit> {
    this.events.push(`acquire ${estimatedTokens}`);
    return { release: (usedTokens) => void this.events.push(`release ${usedTokens}`) };
  }

  holdOff(ms: number): void {
    this.events.push(`hold off ${ms}`);
  }
}
