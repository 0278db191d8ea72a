import { defineCodeSimVariant } from "./codesim-ac-definition.js";

/**
 * CodeSIMC (src/promptings/variations/CodeSIMC.py): CodeSIM with the competitive-programming
 * planning prompt on every dataset; 5 plans x 5 debugging tries, 3 x 5 on contest datasets.
 */
export const codesimCompetitive = defineCodeSimVariant({
  name: "codesim-c",
  description:
    "CodeSIMC: CodeSIM with the competitive-programming planning prompt on every dataset (reference profile: 5 plans x 5 debugging tries; 3 x 5 on contest datasets). The cg profile adds competitive-programming rules to its prompts.",
  fixed: { competitive: true },
  reference: {
    className: "CodeSIMC",
    file: { repository: "codesim", path: "src/promptings/variations/CodeSIMC.py" },
    testWritingCalls: 0,
    testWritingFrequencyPenalty: 0,
    budget: { function: { plans: 5, debugs: 5 }, contest: { plans: 3, debugs: 5 } },
  },
});
