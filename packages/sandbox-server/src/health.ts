import type { PoolHealth } from "@cg/executor";

/** What `GET /health` answers. */
export interface HealthReport {
  /** `ok` only when every sandbox of the pool is running; `degraded` (HTTP 503) otherwise. */
  status: "ok" | "degraded";
  /** Why the server is degraded. */
  reason?: string;
  /** Submissions running and waiting for a slot. */
  active: number;
  queued: number;
  max_concurrency: number;
  /** Waiting submissions beyond which the server answers 503 busy. */
  max_queue: number;
  pool: {
    ok: boolean;
    size: number;
    ready: number;
    busy: number;
    /** Sandboxes replaced since the server started: died, hung, retired or killed with a cancelled run. */
    replaced: number;
    last_problem?: string;
  };
  languages: Array<{ name: string; installed: boolean }>;
}

export interface Load {
  active: number;
  queued: number;
  maxConcurrency: number;
  maxQueue: number;
}

/** The report and its HTTP status: 200 when the pool is healthy, 503 when it is not. */
export function healthReport(pool: PoolHealth, load: Load, languages: HealthReport["languages"]): { statusCode: 200 | 503; report: HealthReport } {
  const report: HealthReport = {
    status: pool.ok ? "ok" : "degraded",
    ...(pool.ok ? {} : { reason: degradedReason(pool) }),
    active: load.active,
    queued: load.queued,
    max_concurrency: load.maxConcurrency,
    max_queue: load.maxQueue,
    pool: {
      ok: pool.ok,
      size: pool.size,
      ready: pool.ready,
      busy: pool.busy,
      replaced: pool.replaced,
      ...(pool.lastProblem === undefined ? {} : { last_problem: pool.lastProblem }),
    },
    languages,
  };
  return { statusCode: pool.ok ? 200 : 503, report };
}

function degradedReason(pool: PoolHealth): string {
  const running = `${pool.ready} of ${pool.size} sandboxes are running`;
  return pool.lastProblem ? `${running}; ${pool.lastProblem}` : running;
}
