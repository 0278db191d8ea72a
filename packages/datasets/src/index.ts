export type {
  Candidate,
  Dataset,
  Language,
  LoadOptions,
  Problem,
  PublicTest,
  PublicTestReport,
  ScoreOptions,
  Verdict,
} from "./types";
export type { ExecutionStatus } from "@cg/executor";
