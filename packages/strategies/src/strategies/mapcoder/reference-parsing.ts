import { parseFirstXml, type XmlElement } from "../../element-tree.js";
import { FENCE_TAGS, lastFencedCode } from "../../reference-answers.js";
import { pythonStrip } from "../../reference-problem.js";

/**
 * The answer parsing of the authors' MapCoder class (MapCoder.py, the same in both
 * repositories): `trim_text`, `replace_tag`, `parse_xml` with `xml_to_dict`, `parse_code`, and
 * the `int(str(...).strip())` of a plan's confidence.
 */

/** A value of `xml_to_dict`'s result: an element's text (null when it has none), a dict, or a list. */
export type XmlValue = string | null | XmlDict | XmlValue[];

/** A dict of `xml_to_dict`, keyed by tag in document order (null prototype: any tag is a plain key). */
export type XmlDict = { [tag: string]: XmlValue };

/** `trim_text`: every occurrence removed, then `str.strip()`. */
export function trimText(text: string, trimmed: string): string {
  return pythonStrip(text.split(trimmed).join(""));
}

/**
 * `replace_tag`: the tag's content wrapped in CDATA, then stripped; an answer that already has
 * CDATA for the tag is left as it is (not stripped).
 */
export function replaceTag(text: string, tag: string): string {
  const open = `<${tag}><![CDATA[`;
  const close = `]]></${tag}>`;
  if (text.includes(open) && text.includes(close)) return text;
  return pythonStrip(text.split(`<${tag}>`).join(open).split(`</${tag}>`).join(close));
}

/**
 * `parse_xml`: fences removed, then the first of the answer, the answer inside `<root>`, and
 * the answer after an opening `<root>` that ElementTree accepts, turned into a dict by
 * `xml_to_dict`. Undefined where the authors' code raises (none of the three parses).
 */
export async function parseXml(response: string): Promise<XmlDict | undefined> {
  let text = response;
  if (text.includes("```xml")) text = text.split("```xml").join("");
  if (text.includes("```")) text = text.split("```").join("");
  const parsed = await parseFirstXml([text, `<root>\n${text}\n</root>`, `<root>\n${text}`]);
  return parsed.index === null ? undefined : xmlToDict(parsed.root);
}

/**
 * `xml_to_dict`: a child with children of its own becomes a dict, and repeated such children
 * a list; a child without children becomes its text, the last of a repeated tag winning.
 */
export function xmlToDict(element: XmlElement): XmlDict {
  const result: XmlDict = Object.create(null) as XmlDict;
  for (const child of element.children) {
    if (child.children.length === 0) {
      result[child.tag] = child.text;
      continue;
    }
    const data = xmlToDict(child);
    if (!Object.hasOwn(result, child.tag)) result[child.tag] = data;
    else {
      const existing = result[child.tag]!;
      if (Array.isArray(existing)) existing.push(data);
      else result[child.tag] = [existing, data];
    }
  }
  return result;
}

export function isXmlDict(value: XmlValue | undefined): value is XmlDict {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** MapCoder's `parse_code` checks the fence tags of `parse_response` less "cpp" and "Cpp". */
const PARSE_CODE_TAGS = FENCE_TAGS.filter((tag) => tag !== "cpp" && tag !== "Cpp");

/** `MapCoder.parse_code`: the answer when it has no fence, else the block `parse_response` would take with its tags. */
export function parseCode(response: string): string {
  if (!response.includes("```")) return response;
  return lastFencedCode(response, PARSE_CODE_TAGS);
}

/**
 * Python's `int()` of a string: optional sign, decimal digits (any script's) with single
 * underscores between them, surrounding whitespace allowed. Undefined where `int()` raises.
 */
export function pythonInt(text: string): bigint | undefined {
  const match = /^([+-]?)(\p{Nd}+(?:_\p{Nd}+)*)$/u.exec(pythonStrip(text));
  if (!match) return undefined;
  let value = 0n;
  for (const digit of match[2]!.replaceAll("_", "")) value = value * 10n + BigInt(digitValue(digit));
  return match[1] === "-" ? -value : value;
}

/** A decimal digit's value: Unicode encodes each script's digits 0 to 9 contiguously, in runs of ten. */
function digitValue(digit: string): number {
  const code = digit.codePointAt(0)!;
  let start = code;
  while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start -= 1;
  return (code - start) % 10;
}
