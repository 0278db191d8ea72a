/**
 * The members of one JSON object as unparsed text, keyed by name. EvalPlus writes test inputs
 * with Python's json module: integers beyond 2^53 and `Infinity` occur, which JavaScript cannot
 * represent or parse. Those members are handed to Python as written; the others can then be
 * parsed one by one.
 */
export function rawJsonMembers(text: string): Map<string, string> {
  const scanner = new Scanner(text);
  const members = new Map<string, string>();
  scanner.skipSpace();
  scanner.expect("{");
  scanner.skipSpace();
  if (scanner.peek() === "}") {
    scanner.next();
  } else {
    for (;;) {
      scanner.skipSpace();
      const name = JSON.parse(scanner.string()) as string;
      scanner.skipSpace();
      scanner.expect(":");
      scanner.skipSpace();
      const start = scanner.position;
      scanner.value();
      members.set(name, text.slice(start, scanner.position));
      scanner.skipSpace();
      const separator = scanner.next();
      if (separator === "}") break;
      if (separator !== ",") scanner.fail(`expected "," or "}"`, scanner.position - 1);
    }
  }
  scanner.skipSpace();
  if (scanner.position !== text.length) scanner.fail("unexpected text after the object");
  return members;
}

class Scanner {
  position = 0;
  constructor(private readonly text: string) {}

  peek(): string {
    return this.text[this.position] ?? "";
  }

  next(): string {
    if (this.position >= this.text.length) this.fail("unexpected end of the record");
    return this.text[this.position++]!;
  }

  expect(char: string): void {
    if (this.next() !== char) this.fail(`expected "${char}"`, this.position - 1);
  }

  skipSpace(): void {
    while (/\s/.test(this.peek()) && this.position < this.text.length) this.position++;
  }

  /** A string literal, returned with its quotes and escapes as written. */
  string(): string {
    const start = this.position;
    this.expect('"');
    for (;;) {
      const char = this.next();
      if (char === "\\") this.next();
      else if (char === '"') return this.text.slice(start, this.position);
    }
  }

  value(): void {
    const char = this.peek();
    if (char === '"') {
      this.string();
    } else if (char === "{" || char === "[") {
      const close = char === "{" ? "}" : "]";
      this.next();
      this.skipSpace();
      if (this.peek() === close) {
        this.next();
        return;
      }
      for (;;) {
        this.skipSpace();
        if (close === "}") {
          this.string();
          this.skipSpace();
          this.expect(":");
          this.skipSpace();
        }
        this.value();
        this.skipSpace();
        const separator = this.next();
        if (separator === close) return;
        if (separator !== ",") this.fail(`expected "," or "${close}"`, this.position - 1);
      }
    } else {
      // A number or a word (true, false, null, NaN, Infinity, -Infinity).
      const start = this.position;
      while (/[\w.+-]/.test(this.peek()) && this.position < this.text.length) this.position++;
      if (this.position === start) this.fail("expected a value");
    }
  }

  fail(message: string, at = this.position): never {
    throw new SyntaxError(`${message} at character ${at + 1}`);
  }
}
