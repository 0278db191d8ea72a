import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDataText, type DataFile } from "../src/data-file";
import { DatasetFileError } from "../src/errors";

const content = '{"task_id": "t/0"}\n';
const gz = gzipSync(Buffer.from(content));
let server: Server;
let base: string;
let requests = 0;
const mirrorFromEnv = process.env.CG_DATA_DIR;

beforeAll(async () => {
  // These cases are about the cache and downloads: no mirror from the environment.
  delete process.env.CG_DATA_DIR;
  server = createServer((req, res) => {
    requests++;
    if (req.url === "/data.jsonl.gz") res.end(gz);
    else if (req.url === "/corrupt.jsonl.gz") res.end(Buffer.from("not the published file"));
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(async () => {
  if (mirrorFromEnv !== undefined) process.env.CG_DATA_DIR = mirrorFromEnv;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function file(name: string, sha = createHash("sha256").update(gz).digest("hex")): DataFile {
  return { source: "src", file: name === "missing" ? "missing.jsonl.gz" : `${name}.jsonl.gz`, url: `${base}/${name}.jsonl.gz`, sha256: sha };
}
const scratch = () => mkdtempSync(join(tmpdir(), "cg-data-"));

describe("reading a published file", () => {
  it("downloads once into the cache, verified, then reads the cache", async () => {
    const cacheDir = scratch();
    requests = 0;
    expect(await readDataText(file("data"), { cacheDir })).toBe(content);
    expect(existsSync(join(cacheDir, "src", "data.jsonl.gz"))).toBe(true);
    expect(await readDataText(file("data"), { cacheDir })).toBe(content);
    expect(requests).toBe(1);
  });

  it("rejects a download whose checksum differs, caching nothing", async () => {
    const cacheDir = scratch();
    await expect(readDataText(file("corrupt"), { cacheDir })).rejects.toThrow(/sha256 is [0-9a-f]{64}, expected/);
    expect(existsSync(join(cacheDir, "src", "corrupt.jsonl.gz"))).toBe(false);
  });

  it("names the URL and the fix when a download fails", async () => {
    const attempt = readDataText(file("missing"), { cacheDir: scratch() });
    await expect(attempt).rejects.toBeInstanceOf(DatasetFileError);
    await expect(attempt).rejects.toThrow(/HTTP 404.*--data-dir/);
  });

  it("reads a mirror, and says where it looked when the file is absent", async () => {
    const mirror = scratch();
    mkdirSync(join(mirror, "src"));
    writeFileSync(join(mirror, "src", "data.jsonl.gz"), gz);
    requests = 0;
    expect(await readDataText(file("data"), { dataDir: mirror })).toBe(content);
    expect(requests).toBe(0);
    await expect(readDataText(file("other"), { dataDir: mirror })).rejects.toThrow(
      new RegExp(`${join(mirror, "src", "other.jsonl.gz")} does not exist.*--data-dir`),
    );
  });

  it("refuses a corrupt file in the mirror or the cache", async () => {
    const mirror = scratch();
    mkdirSync(join(mirror, "src"));
    writeFileSync(join(mirror, "src", "data.jsonl.gz"), "tampered");
    await expect(readDataText(file("data"), { dataDir: mirror })).rejects.toThrow(/corrupt or a different version/);
    expect(readFileSync(join(mirror, "src", "data.jsonl.gz"), "utf8")).toBe("tampered");
  });

  it("does not download when offline", async () => {
    requests = 0;
    await expect(readDataText(file("data"), { cacheDir: scratch(), offline: true })).rejects.toThrow(/downloads are off/);
    expect(requests).toBe(0);
  });
});
