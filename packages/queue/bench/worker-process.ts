import { QueueWorker } from "../src/index";

/** One queue worker with one sandbox, for the throughput benchmark: `tsx bench/worker-process.ts redis://…`. */
const url = process.argv[2];
if (!url) throw new Error("usage: worker-process.ts redis://HOST:PORT");
const worker = await QueueWorker.start({ url, sandbox: { workers: 1 }, cacheDir: false });
process.stdout.write("ready\n");
process.once("SIGTERM", () => void worker.close());
