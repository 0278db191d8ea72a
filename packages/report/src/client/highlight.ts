import hljs from "highlight.js/lib/core";
import python from "highlight.js/lib/languages/python";

hljs.registerLanguage("python", python);

/** Beyond this, highlighting would stall the page for little gain: the code is shown plain. */
const MAX_HIGHLIGHTED = 40_000;

/** A code block, highlighted as Python. */
export function codeBlock(code: string, className = "code"): HTMLPreElement {
  const pre = document.createElement("pre");
  pre.className = className;
  const element = document.createElement("code");
  if (code.length <= MAX_HIGHLIGHTED) element.innerHTML = hljs.highlight(code, { language: "python", ignoreIllegals: true }).value;
  else element.textContent = code;
  pre.appendChild(element);
  return pre;
}
