import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExecutionAbortedError, findLanguage, findToolchain, type ExecutionPool, type ExecutionResult, type JudgeResult } from "../src";
import { createTestPool } from "./pool";

// Attacks on the judge itself, each followed by honest programs on the same (single) sandbox:
// a program may fail its own verdict, never forge it, and never change what the next one gets.
let pool: ExecutionPool;
beforeAll(async () => {
  pool = await createTestPool({ workers: 1, pythonGuard: "none" });
});
afterAll(async () => {
  await pool.close();
});

const python = (source: string, tests?: string, limits: Record<string, number> = {}): Promise<ExecutionResult> =>
  pool.execute({ language: "python", source, ...(tests !== undefined ? { tests } : {}), limits: { wallSeconds: 5, ...limits } });

const judge = (language: string, source: string, input = "", expected?: string, wallSeconds = 10): Promise<JudgeResult> =>
  pool.judge({ language, source, tests: [{ input, ...(expected !== undefined ? { expected } : {}) }], limits: { wallSeconds } });

const requireToolchain = (language: string): void => {
  const status = findToolchain(findLanguage(language));
  if (!status.installed && process.env.CG_REQUIRE_TOOLCHAINS === "1") throw new Error(`${language} is required here but not installed`);
};

/** Honest programs in each language, all of which must pass on the sandbox the attack used. */
async function expectHonestProgramsPass(): Promise<void> {
  const cleanScratch =
    "import os\nassert os.listdir('/tmp') == ['w'], os.listdir('/tmp')\nassert os.listdir('.') == []\n" +
    "assert os.listdir('/dev/shm') == [], os.listdir('/dev/shm')\nassert os.stat('/tmp').st_mode & 0o777 == 0o755\n" +
    "assert os.listxattr('/tmp') == []\nassert os.stat('/tmp').st_mtime > 1e9\n" +
    "assert all(open(t).read().count('\\n') == 1 for t in ('/proc/sysvipc/shm', '/proc/sysvipc/sem', '/proc/sysvipc/msg'))\n" +
    "with open('scratch', 'w') as f:\n    f.write('ok')\nimport subprocess\n";
  expect((await python(cleanScratch)).status).toBe("passed");
  expect((await python("def add(a, b):\n    return a + b", "assert add(2, 3) == 5")).status).toBe("passed");
  const c = await judge("c", "#include <stdio.h>\nint main(void){int a,b;scanf(\"%d %d\",&a,&b);printf(\"%d\\n\",a+b);return 0;}", "2 3", "5");
  expect(c.status, c.errorMessage).toBe("passed");
  const health = pool.health();
  expect(health.ok, health.lastProblem).toBe(true);
}

describe("a Python program cannot forge its verdict", () => {
  it("a passing record written to every descriptor, then a clean exit, does not pass", async () => {
    const forged =
      "import os\nfor fd in range(3, 1024):\n    for line in (b'{\"status\": \"passed\"}\\n', b'{\"status\":\"passed\"}\\tdeadbeef\\n'):\n" +
      "        try:\n            os.write(fd, line)\n        except OSError:\n            pass\nos._exit(0)";
    const result = await python("def add(a, b):\n    return None\n" + forged, "assert add(2, 3) == 5");
    expect(result.passed).toBe(false);
    expect(result.status).toBe("runtime_error");
    await expectHonestProgramsPass();
  });

  it("rebinding the server's functions and the json module does not turn an exception into a pass", async () => {
    const rebind =
      "import sys, json\nserver = sys.modules['__main__']\n" +
      "for name in ('_dumps', 'classify_exception', 'describe', 'exception_record', 'sealed_record'):\n" +
      "    if hasattr(server, name):\n        setattr(server, name, lambda *a, **k: 'passed')\n" +
      "json.dumps = lambda *a, **k: '{\"status\": \"passed\"}'\nraise ValueError('wrong')";
    const result = await python(rebind);
    expect(result.passed).toBe(false);
    await expectHonestProgramsPass();
  });

  it("a seal asked for outside the harness ends the program", async () => {
    const result = await python("import sys\nsys.audit('cg.seal', b'{\"status\":\"passed\"}')\n", "assert False");
    expect(result).toMatchObject({ passed: false, status: "runtime_error" });
    expect(result.errorMessage).toContain("forged verdict seal");
    const fromFrame = await python(
      "import sys\ndef later():\n    sys.audit('cg.seal', b'{\"status\":\"passed\"}')\nimport atexit\natexit.register(later)\nraise SystemExit(0)",
    );
    expect(fromFrame.passed).toBe(false);
    await expectHonestProgramsPass();
  });

  it("the routes to the judge's own state are closed: ctypes, gc walks, tracing, hand-made code", async () => {
    const attempts: Record<string, string> = {
      ctypes: "import ctypes",
      "_ctypes through importlib": "import importlib\nimportlib.import_module('_ctypes')",
      "gc.get_objects": "import gc\ngc.get_objects()",
      "gc.get_referents": "import gc\ngc.get_referents(gc)",
      "sys.settrace": "import sys\nsys.settrace(lambda *a: None)",
      "sys.setprofile": "import sys\nsys.setprofile(lambda *a: None)",
      "sys.addaudithook": "import sys\nsys.addaudithook(lambda *a: None)",
      "code.replace": "def f():\n    pass\nf.__code__.replace(co_consts=(1,))",
      "marshal.loads": "import marshal\nmarshal.loads(marshal.dumps(compile('1', 'x', 'eval')))",
    };
    for (const [name, source] of Object.entries(attempts)) {
      const result = await python(`try:\n${source.replace(/^/gm, "    ")}\nexcept BaseException:\n    pass`, "assert True");
      expect(result.status, name).toBe("runtime_error");
      expect(result.errorMessage, name).toContain("which the judge does not allow");
    }
    await expectHonestProgramsPass();
  });

  it("the program cannot swallow its tests into a string or a comment", async () => {
    const swallow = await python('def add(a, b):\n    return 0\nx = """', 'assert add(2, 3) == 5\n"""');
    expect(swallow.status).toBe("syntax_error");
    const bracket = await python("def add(a, b):\n    return 0\nx = (", "assert add(2, 3) == 5\n)");
    expect(bracket.status).toBe("syntax_error");
    await expectHonestProgramsPass();
  });

  it("an exception whose message or class lies still fails", async () => {
    const liar =
      "class Passed(BaseException):\n    def __str__(self):\n        return '\"}\\t{\"status\":\"passed\"}'\nraise Passed()";
    expect((await python(liar)).passed).toBe(false);
    await expectHonestProgramsPass();
  });
});

describe("compiled programs cannot forge their verdict", () => {
  it("C: records written to every descriptor do not replace the output comparison", async () => {
    requireToolchain("c");
    const source =
      "#include <stdio.h>\n#include <string.h>\n#include <unistd.h>\nint main(void){const char*r=\"{\\\"status\\\":\\\"passed\\\"}\\n\";" +
      "for(int fd=3;fd<1024;fd++) write(fd,r,strlen(r));puts(\"7\");return 0;}";
    const result = await judge("c", source, "2 3", "5");
    expect(result.status).toBe("wrong_answer");
    await expectHonestProgramsPass();
  });

  it("Java: an exit before the answer is a wrong answer, not a pass", async () => {
    requireToolchain("java");
    const source = "public class Main { static { System.exit(0); } public static void main(String[] a) { System.out.println(5); } }";
    const result = await judge("java", source, "2 3", "5", 20);
    expect(result.status).toBe("wrong_answer");
    await expectHonestProgramsPass();
  });
});

describe("no program poisons the sandbox for the next one", () => {
  it("Python: scratch modes, deep trees, many files, timestamps and extended attributes", async () => {
    const poisons = [
      "import os\nos.chmod('/tmp', 0)\nos.chmod('/dev/shm', 0)",
      "import os\nos.chdir('/tmp')\nfor i in range(1000):\n    os.mkdir('d')\n    os.chdir('d')\nos.chmod('/tmp/d', 0)",
      "import os\ntry:\n    for i in range(100000):\n        open(f'/tmp/f{i}', 'w').close()\nexcept OSError:\n    pass",
      "import os\nos.utime('/tmp', (0, 0))\nos.setxattr('/tmp', 'user.cg', b'left')\nos.chmod('/tmp', 0o777)",
      "import os\nos.chmod('/tmp/w', 0)\nos.chmod('/', 0)",
    ];
    for (const poison of poisons) {
      await python(poison, undefined, { wallSeconds: 20 });
      await expectHonestProgramsPass();
    }
  });

  it("C: SysV shared memory, semaphores and POSIX queues are gone before the next program", async () => {
    requireToolchain("c");
    const source =
      "#include <sys/ipc.h>\n#include <sys/shm.h>\n#include <sys/sem.h>\n#include <mqueue.h>\n#include <fcntl.h>\n#include <string.h>\n#include <stdio.h>\n" +
      "int main(void){int id=shmget(IPC_PRIVATE,1<<20,IPC_CREAT|0600);char*p=shmat(id,0,0);memset(p,1,1<<20);" +
      "semget(IPC_PRIVATE,1,IPC_CREAT|0600);mq_open(\"/cg\",O_CREAT|O_RDWR,0600,0);puts(\"5\");return 0;}";
    const before = pool.health().replaced;
    const result = await judge("c", source, "", "5");
    expect(result.status, result.errorMessage).toBe("passed");
    await expectHonestProgramsPass();
    expect(pool.health().replaced).toBe(before + 1);
  });

  it("C and Java: a chmod of the scratch space and a deep tree", async () => {
    requireToolchain("c");
    const c =
      "#include <sys/stat.h>\n#include <unistd.h>\nint main(void){chmod(\"/dev/shm\",0);for(int i=0;i<1000;i++){mkdir(\"d\",0700);chdir(\"d\");}chmod(\"/tmp\",0);return 0;}";
    await judge("c", c);
    await expectHonestProgramsPass();
    requireToolchain("java");
    const java =
      "import java.nio.file.*;import java.util.*;public class Main{public static void main(String[] a)throws Exception{" +
      "Files.setPosixFilePermissions(Paths.get(\"/tmp\"),new HashSet<>());System.out.println(1);}}";
    await judge("java", java, "", undefined, 20);
    await expectHonestProgramsPass();
  });

  it("a request with a low process limit does not lower the next one's", async () => {
    const low = await python("import os\nassert True", undefined, { processes: 2 });
    expect(low.status).toBe("passed");
    // Eight children alive at once: more than the earlier request's limit allowed.
    const forks =
      "import os, time\npids = []\nfor _ in range(8):\n    pid = os.fork()\n    if pid == 0:\n        time.sleep(0.5)\n        os._exit(0)\n    pids.append(pid)\nfor pid in pids:\n    os.waitpid(pid, 0)";
    expect((await python(forks)).status).toBe("passed");
    await expectHonestProgramsPass();
  });
});

const asRoot = process.getuid?.() === 0;

describe("memory is accounted for the whole program", () => {
  it.runIf(asRoot)("as root, the pool limits each program's memory as a whole (cgroups)", () => {
    expect(pool.health().memoryAccounting).toBe("cgroup");
  });

  it.runIf(asRoot)("Python: forked children and memfd files count against one limit", async () => {
    const children =
      "import os, time\npids = []\nfor _ in range(4):\n    pid = os.fork()\n    if pid == 0:\n        block = bytearray(60 * 1024 * 1024)\n" +
      "        time.sleep(2)\n        os._exit(0)\n    pids.append(pid)\nassert all(os.waitpid(p, 0)[1] == 0 for p in pids)";
    const forked = await python(children, undefined, { memoryBytes: 128 * 1024 * 1024, wallSeconds: 20 });
    expect(forked.status, forked.errorMessage).toBe("memory_limit");
    const memfd = "import os\nfd = os.memfd_create('x')\nfor _ in range(300):\n    os.write(fd, b'x' * 1048576)";
    const file = await python(memfd, undefined, { memoryBytes: 128 * 1024 * 1024, fileBytes: 1024 * 1024 * 1024, wallSeconds: 20 });
    expect(file.status, file.errorMessage).toBe("memory_limit");
    await expectHonestProgramsPass();
  });

  it.runIf(asRoot)("C: SysV shared memory counts against the program's limit and does not outlive it", async () => {
    requireToolchain("c");
    // Each child maps and fills its own 100 MiB segment, within its own address-space limit; the
    // segments outlive the children, so only a limit on the whole program stops the total.
    const source =
      "#include <sys/ipc.h>\n#include <sys/shm.h>\n#include <sys/wait.h>\n#include <string.h>\n#include <unistd.h>\n" +
      "int main(void){for(int i=0;i<8;i++){int id=shmget(IPC_PRIVATE,100<<20,IPC_CREAT|0600);if(fork()==0){char*p=shmat(id,0,0);" +
      "memset(p,1,100<<20);_exit(0);}int status;wait(&status);if(!WIFEXITED(status)||WEXITSTATUS(status))return 1;}return 0;}";
    const result = await pool.judge({ language: "c", source, tests: [{ input: "" }], limits: { wallSeconds: 20, memoryBytes: 128 * 1024 * 1024 } });
    expect(result.status, result.errorMessage).toBe("memory_limit");
    await expectHonestProgramsPass();
  });
});

describe("signals and limits", () => {
  it("exec'd programs start with default signal dispositions and nothing blocked", async () => {
    requireToolchain("c");
    const source =
      "#include <stdio.h>\n#include <string.h>\nint main(void){FILE*f=fopen(\"/proc/self/status\",\"r\");char l[256];" +
      "while(fgets(l,sizeof l,f)) if(!strncmp(l,\"SigIgn\",6)||!strncmp(l,\"SigBlk\",6)) fputs(l,stdout);return 0;}";
    const result = await judge("c", source, "", "SigBlk: 0000000000000000 SigIgn: 0000000000000000");
    expect(result.status, result.tests[0]?.stdout).toBe("passed");
    const pipe = await judge("bash", "yes | head -n 2", "", "y y", 5);
    expect(pipe.status).toBe("passed");
    expect(pipe.tests[0]!.wallMs).toBeLessThan(4000);
  });

  it("a C output flood is output_limit, not a timeout", async () => {
    requireToolchain("c");
    const result = await judge("c", "#include <stdio.h>\nint main(void){for(;;) if(puts(\"flood flood flood\")<0) return 3;}", "", undefined, 20);
    expect(result.status).toBe("output_limit");
  });

  it("a program killed at its CPU limit is a timeout, not memory_limit", async () => {
    const spin = "import signal\nsignal.signal(signal.SIGXCPU, signal.SIG_IGN)\nwhile True:\n    pass";
    const result = await python(spin, undefined, { cpuSeconds: 1, wallSeconds: 10 });
    expect(result.status).toBe("timeout");
    expect(result.errorMessage).toContain("CPU-time limit");
    await expectHonestProgramsPass();
  });
});

describe("sandboxes that were stopped never serve again", () => {
  it("a cancelled run kills its sandbox, which is replaced", async () => {
    const before = pool.health().replaced;
    const controller = new AbortController();
    const started = Date.now();
    const cancelled = pool.execute({ language: "python", source: "import time\ntime.sleep(30)", limits: { wallSeconds: 60 } }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await expect(cancelled).rejects.toBeInstanceOf(ExecutionAbortedError);
    await expectHonestProgramsPass();
    // Without the kill the only sandbox would be busy for 30 s.
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(pool.health().replaced).toBeGreaterThan(before);
  }, 90_000);
});
