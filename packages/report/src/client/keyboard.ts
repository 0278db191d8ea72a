import { h } from "./dom";

export interface Shortcut {
  keys: string[];
  does: string;
  run: (event: KeyboardEvent) => void | Promise<void>;
}

/** Single-key shortcuts, ignored while typing in a field or with a modifier held. */
export function bindShortcuts(shortcuts: readonly Shortcut[]): void {
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    const typing = target !== null && (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName));
    if (typing && event.key !== "Escape") return;
    const shortcut = shortcuts.find((s) => s.keys.includes(event.key));
    if (shortcut === undefined) return;
    event.preventDefault();
    void shortcut.run(event);
  });
}

/** The list of shortcuts, shown and hidden with "?". */
export function shortcutHelp(shortcuts: readonly Shortcut[]): HTMLElement {
  return h(
    "div",
    { class: "card keys", id: "shortcuts", hidden: true, role: "dialog", "aria-label": "Keyboard shortcuts" },
    h("h3", null, "Keyboard"),
    h("table", null, h("tbody", null, shortcuts.map((s) => h("tr", null, h("td", null, s.keys.map((k) => h("kbd", null, k === " " ? "space" : k))), h("td", null, s.does))))),
  );
}
