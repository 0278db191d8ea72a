export { REPORT_FILE, writeReport, type ReportOptions, type WrittenReport } from "./write-report";
export { findResultsDirectories, openResultsDirectory, type ResultsDirectory } from "./results-directory";
export { InvalidResultsError, NotAResultsDirectoryError, PageScriptError } from "./errors";
export { overviewTable, type OverviewTable, type OverviewColumn, type OverviewValue } from "./overview";
export { overviewCsv, overviewLatex, overviewMarkdown } from "./overview-exports";
export type { ReportData, ReportProblem, ReportRun, ProblemDetail, SampleDetail, TraceEventView } from "./report-model";
