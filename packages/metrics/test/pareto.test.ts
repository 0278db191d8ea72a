import { describe, expect, it } from "vitest";
import { paretoFront } from "../src/index.js";

describe("paretoFront", () => {
  it("keeps the points no other point beats on both cost and score, cheapest first", () => {
    const points = [
      { cost: 1, score: 0.5 }, // 0: front
      { cost: 2, score: 0.6 }, // 1: front
      { cost: 2, score: 0.4 }, // 2: 1 is as cheap and better
      { cost: 3, score: 0.6 }, // 3: 1 is cheaper and as good
      { cost: 0.5, score: 0.2 }, // 4: front (cheapest)
      { cost: 5, score: 0.9 }, // 5: front (best)
      { cost: 4, score: 0.55 }, // 6: 1 is cheaper and better
    ];
    expect(paretoFront(points)).toEqual([4, 0, 1, 5]);
  });

  it("keeps equal points together and leaves out points without a cost", () => {
    const points = [
      { cost: 2, score: 0.7 },
      { cost: null, score: 0.99 },
      { cost: 2, score: 0.7 },
      { cost: 1, score: 0.7 },
      { cost: Number.NaN, score: 1 },
    ];
    // 3 is as good as 0 and 2 for less: it dominates both.
    expect(paretoFront(points)).toEqual([3]);
    expect(paretoFront([{ cost: 1, score: 0.3 }, { cost: 1, score: 0.3 }])).toEqual([0, 1]);
  });

  it("handles a single point and none", () => {
    expect(paretoFront([{ cost: 3, score: 0 }])).toEqual([0]);
    expect(paretoFront([])).toEqual([]);
    expect(paretoFront([{ cost: null, score: 1 }])).toEqual([]);
  });
});
