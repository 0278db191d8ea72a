import { DatasetFileError, DatasetOptionsError, MalformedRecordError, UnknownDatasetError, UnknownProblemError } from "@cg/datasets";
import { ProgramBatchError, SandboxUnavailableError, UnknownLanguageError } from "@cg/executor";
import { ModelError } from "@cg/models";
import { InvalidResultsError, NotAResultsDirectoryError } from "@cg/report";
import { DirectoryInUseError, InvalidLogLineError, ModelUnavailableError, OutputDirectoryConflictError, RunConfigError, UnknownTaskError } from "@cg/runner";
import { SandboxServerConfigError } from "@cg/sandbox-server";
import { EndpointNotSupportedError, InvalidStrategyOptionsError, NoCompletionPromptError, ReferenceSourceError, UnknownStrategyError } from "@cg/strategies";
import { UsageError } from "./usage-error";

const INPUT_ERRORS = [
  UsageError,
  UnknownDatasetError,
  UnknownProblemError,
  UnknownTaskError,
  MalformedRecordError,
  DatasetFileError,
  DatasetOptionsError,
  OutputDirectoryConflictError,
  DirectoryInUseError,
  InvalidLogLineError,
  SandboxUnavailableError,
  UnknownLanguageError,
  ProgramBatchError,
  ModelError,
  UnknownStrategyError,
  InvalidStrategyOptionsError,
  ReferenceSourceError,
  EndpointNotSupportedError,
  NoCompletionPromptError,
  RunConfigError,
  ModelUnavailableError,
  NotAResultsDirectoryError,
  InvalidResultsError,
  SandboxServerConfigError,
];

/**
 * Errors the user can act on print their message alone (exit 2); anything else is a defect and
 * keeps its stack trace (exit 1).
 */
export function describeError(error: unknown): { message: string; exitCode: number } {
  if (INPUT_ERRORS.some((kind) => error instanceof kind)) return { message: (error as Error).message, exitCode: 2 };
  if (error instanceof Error) return { message: `unexpected error: ${error.stack ?? error.message}`, exitCode: 1 };
  return { message: `unexpected error: ${String(error)}`, exitCode: 1 };
}
