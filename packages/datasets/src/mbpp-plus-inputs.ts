/**
 * MBPP+ stores inputs as JSON, which has no tuples, sets or complex numbers. For the tasks below,
 * EvalPlus (`mbpp_deserialize_inputs` in evalplus/data/mbpp.py) rebuilds those types before any
 * call; the names are the conversions of python/evalplus_harness.py. Only tasks present in
 * MbppPlus v0.2.0 are listed.
 */
const CONVERSIONS: Record<string, readonly number[]> = {
  "args-to-tuples": [2, 116, 132, 222, 261, 273, 394, 421, 424, 429, 470, 560, 579, 596, 616, 630, 726, 740, 744, 809],
  "args-items-to-tuples": [63, 64, 70, 94, 120, 237, 272, 299, 409, 473, 614, 780],
  "args-to-tuples-of-tuples": [259, 445],
  "first-arg-to-tuple": [250, 405, 446, 720, 763, 808],
  "first-arg-items-to-tuples": [75, 413, 753],
  "first-arg-to-tuple-of-tuples": [278],
  "second-arg-to-tuple": [106, 750],
  "first-arg-dict-values-to-tuples": [722],
  "float-and-complex": [124],
  complex: [252],
  "all-lists-to-tuples": [580, 615, 791],
};

const conversionByTask = new Map<number, string>(
  Object.entries(CONVERSIONS).flatMap(([conversion, tasks]) => tasks.map((task) => [task, conversion] as const)),
);

/** The input conversion of an MBPP+ task (`Mbpp/2`), or "" when its inputs are used as read. */
export function mbppPlusInputConversion(taskId: string): string {
  const number = Number(taskId.slice(taskId.indexOf("/") + 1));
  return conversionByTask.get(number) ?? "";
}
