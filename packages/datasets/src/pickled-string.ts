/**
 * Reads a Python pickle whose value is one `str`, as `pickle.dumps(text)` writes it with
 * protocols 2 to 5. That is all LiveCodeBench stores in `private_test_cases`; anything else is
 * rejected rather than half-read.
 */
export function unpickleString(bytes: Buffer): string {
  let offset = 0;
  let value: string | undefined;
  const take = (length: number): Buffer => {
    if (offset + length > bytes.length) throw new PickleFormatError("the pickle ends early");
    const slice = bytes.subarray(offset, offset + length);
    offset += length;
    return slice;
  };
  for (;;) {
    const opcode = take(1)[0]!;
    switch (opcode) {
      case 0x80: // PROTO n
        take(1);
        break;
      case 0x95: // FRAME: an 8-byte length; the frame's contents follow inline
        take(8);
        break;
      case 0x8c: // SHORT_BINUNICODE
        value = take(take(1)[0]!).toString("utf8");
        break;
      case 0x58: // BINUNICODE
        value = take(take(4).readUInt32LE(0)).toString("utf8");
        break;
      case 0x8d: // BINUNICODE8
        value = take(Number(take(8).readBigUInt64LE(0))).toString("utf8");
        break;
      case 0x94: // MEMOIZE
        break;
      case 0x71: // BINPUT
        take(1);
        break;
      case 0x72: // LONG_BINPUT
        take(4);
        break;
      case 0x2e: // STOP
        if (value === undefined) throw new PickleFormatError("the pickle holds no string");
        return value;
      default:
        throw new PickleFormatError(`opcode 0x${opcode.toString(16)} at byte ${offset - 1} is not part of a pickled str`);
    }
  }
}

export class PickleFormatError extends Error {
  override readonly name = "PickleFormatError";
}
