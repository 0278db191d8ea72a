/**
 * Contents of every `<tag>...</tag>` in `text`, in order, tag names matched case-insensitively.
 * A final tag left open (the answer was cut off, or the model forgot to close it) runs to the
 * next opening of the same tag or to the end.
 */
export function tagContents(text: string, tag: string): string[] {
  const name = tag.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const open = new RegExp(`<${name}(?:\\s[^>]*)?>`, "gi");
  const close = new RegExp(`</${name}\\s*>`, "i");
  const contents: string[] = [];
  const starts = [...text.matchAll(open)];
  starts.forEach((match, index) => {
    const from = (match.index ?? 0) + match[0].length;
    const next = starts[index + 1]?.index ?? text.length;
    const rest = text.slice(from, next);
    const closing = close.exec(rest);
    contents.push((closing ? rest.slice(0, closing.index) : rest).trim());
  });
  return contents;
}

/** The last `<tag>` content, if any. */
export function lastTagContent(text: string, tag: string): string | undefined {
  return tagContents(text, tag).at(-1);
}

/**
 * The text under the last Markdown heading (or bold line, or `Name:` line) whose title matches
 * `title`, up to the next heading of the same or a higher level; undefined when there is none.
 */
export function sectionUnderHeading(text: string, title: RegExp): string | undefined {
  const lines = text.split("\n");
  let start = -1;
  let level = 0;
  lines.forEach((line, index) => {
    const heading = headingOf(line);
    if (heading && title.test(heading.title)) {
      start = index;
      level = heading.level;
    }
  });
  if (start === -1) return undefined;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const heading = headingOf(line);
    if (heading && heading.level <= level && heading.level > 0) break;
    body.push(line);
  }
  return body.join("\n").trim();
}

/** Markdown headings have levels 1-6; a bold line or a `Plan:` line counts as level 7 (lowest). */
function headingOf(line: string): { level: number; title: string } | undefined {
  const markdown = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
  if (markdown) return { level: markdown[1]?.length ?? 1, title: stripEmphasis(markdown[2] ?? "") };
  const bold = /^\s*\*\*([^*]+?)\*\*:?\s*$/.exec(line);
  if (bold) return { level: 7, title: stripEmphasis(bold[1] ?? "") };
  const labelled = /^\s*([A-Z][\w -]{0,40}):\s*$/.exec(line);
  if (labelled) return { level: 7, title: labelled[1] ?? "" };
  return undefined;
}

function stripEmphasis(title: string): string {
  return title.replace(/[*_`]/g, "").replace(/:\s*$/, "").trim();
}
