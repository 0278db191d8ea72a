/**
 * Child process for the lock tests: locks the directory given as its argument, prints "locked",
 * and holds the lock until it is killed (or, as a bound, for a minute).
 */
import { RunDirectoryLock } from "../../src/run-directory-lock.js";

const [dir] = process.argv.slice(2);
if (!dir) throw new Error("usage: lock-holder.ts DIR");
const lock = RunDirectoryLock.acquire(dir);
process.stdout.write("locked\n");
setTimeout(() => lock.release(), 60_000);
