import { defineCodeSimVariant } from "./codesim-ac-definition.js";

/**
 * CodeSIMA (src/promptings/variations/CodeSIMA.py): the model writes tests twice (with a
 * frequency penalty of 0.2) and the tests both answers share run with the sample tests; 5 plans
 * x 5 debugging tries, 3 x 3 on contest datasets.
 */
export const codesimAnalogical = defineCodeSimVariant({
  name: "codesim-a",
  description:
    "CodeSIMA: the model writes tests twice and those both answers share run with the sample tests (reference profile: 5 plans x 5 debugging tries; 3 x 3 and no written tests on contest datasets). The cg profile instead plans from three recalled exemplars.",
  fixed: { exemplars: 3 },
  reference: {
    className: "CodeSIMA",
    file: { repository: "codesim", path: "src/promptings/variations/CodeSIMA.py" },
    testWritingCalls: 2,
    testWritingFrequencyPenalty: 0.2,
    budget: { function: { plans: 5, debugs: 5 }, contest: { plans: 3, debugs: 3 } },
  },
});
