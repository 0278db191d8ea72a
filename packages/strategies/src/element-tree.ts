import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { StrategyError } from "./errors.js";

/** An XML element as Python's ElementTree holds it; attributes and tails are left out. */
export interface XmlElement {
  tag: string;
  /** The text before the first child; null when there is none, as ElementTree gives it. */
  text: string | null;
  children: XmlElement[];
}

const elementSchema: z.ZodType<XmlElement> = z.lazy(() =>
  z.strictObject({ tag: z.string(), text: z.string().nullable(), children: z.array(elementSchema) }),
);

const parseSchema = z.union([z.strictObject({ index: z.number().int(), root: elementSchema }), z.strictObject({ index: z.null(), error: z.string() })]);

/** The first document that parsed (its index and root), or why the last one did not. */
export type XmlParse = z.infer<typeof parseSchema>;

interface Waiting {
  resolve: (parse: XmlParse) => void;
  reject: (error: Error) => void;
}

/**
 * One python3 process serving parses for the whole Node process: an answer is parsed by
 * Python's own ElementTree (the authors' parsing relies on exactly what expat accepts and how
 * it reports text: CDATA, entities, line endings), without a process start per answer. Answers
 * come back in the order the requests were written. The process does not keep Node alive
 * while nothing waits on it, and ends when Node does (its standard input closes).
 */
class ElementTreeProcess {
  private child: ChildProcessWithoutNullStreams | undefined;
  private waiting: Waiting[] = [];
  private pendingOutput = "";
  private stderr = "";

  parse(documents: readonly string[]): Promise<XmlParse> {
    const child = this.child ?? this.start();
    return new Promise<XmlParse>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.hold(true);
      child.stdin.write(`${JSON.stringify({ documents })}\n`);
    });
  }

  private start(): ChildProcessWithoutNullStreams {
    const script = fileURLToPath(new URL("../python/element_tree.py", import.meta.url));
    const child = spawn("python3", [script], { stdio: ["pipe", "pipe", "pipe"] });
    this.child = child;
    this.pendingOutput = "";
    this.stderr = "";
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => this.receive(chunk));
    child.stderr.on("data", (chunk: string) => {
      this.stderr += chunk;
    });
    child.stdin.on("error", (error) => this.fail(child, error.message));
    child.on("error", (error) => this.fail(child, error.message));
    child.on("exit", (code, signal) => this.fail(child, `python3 exited (${signal ?? `code ${code}`})`));
    this.hold(false);
    return child;
  }

  private receive(chunk: string): void {
    this.pendingOutput += chunk;
    let newline = this.pendingOutput.indexOf("\n");
    while (newline !== -1) {
      const line = this.pendingOutput.slice(0, newline);
      this.pendingOutput = this.pendingOutput.slice(newline + 1);
      const waiting = this.waiting.shift();
      if (waiting) {
        const parsed = parseSchema.safeParse(parseJsonLine(line));
        if (parsed.success) waiting.resolve(parsed.data);
        else waiting.reject(new StrategyError(`python3's XML parser answered something unexpected: ${line.slice(0, 200)}`));
      }
      newline = this.pendingOutput.indexOf("\n");
    }
    if (this.waiting.length === 0) this.hold(false);
  }

  /** Every waiting parse fails with what python3 said; the next parse starts a new process. */
  private fail(child: ChildProcessWithoutNullStreams, reason: string): void {
    if (this.child !== child) return;
    this.child = undefined;
    const error = new StrategyError(`could not parse an answer's XML with python3: ${this.stderr.trim() || reason}`);
    for (const waiting of this.waiting.splice(0)) waiting.reject(error);
  }

  /** Keeps Node running while a parse is waiting, and only then. */
  private hold(waiting: boolean): void {
    const child = this.child;
    if (!child) return;
    // The pipes are sockets, which hold Node open like the child itself unless unreferenced.
    const handles = [child, child.stdout, child.stderr, child.stdin] as unknown as Array<{ ref?: () => unknown; unref?: () => unknown }>;
    for (const handle of handles) {
      if (waiting) handle.ref?.();
      else handle.unref?.();
    }
  }
}

/** A line's JSON value; undefined when the line is not JSON (reported by the schema check). */
function parseJsonLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

const parser = new ElementTreeProcess();

/** Parses the first of `documents` that Python's `ElementTree.fromstring` accepts. */
export function parseFirstXml(documents: readonly string[]): Promise<XmlParse> {
  return parser.parse(documents);
}
