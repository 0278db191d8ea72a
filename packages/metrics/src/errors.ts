/**
 * Thrown when a metric is asked for with counts that cannot describe a real
 * evaluation (negative, fractional, more passes than samples, ...). The message
 * names the offending value and says how to fix the input.
 */
export class MetricsInputError extends Error {
  override readonly name = "MetricsInputError";
}
