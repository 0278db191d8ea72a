export type Theme = "light" | "dark";
type Choice = Theme | "auto";

const STORAGE_KEY = "cg-report-theme";
/** Announced on the document, so that the plots script, a bundle of its own, hears it too. */
const THEME_EVENT = "cg-theme-change";

/** The theme in effect: the reader's choice, else the system's. */
export function currentTheme(): Theme {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === "light" || chosen === "dark") return chosen;
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function onThemeChange(listener: (theme: Theme) => void): void {
  document.addEventListener(THEME_EVENT, () => listener(currentTheme()));
}

/** Applies the stored choice and returns a button cycling auto → light → dark. */
export function setUpTheme(): HTMLButtonElement {
  apply(stored());
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => notify());
  const button = document.createElement("button");
  button.type = "button";
  button.id = "theme-toggle";
  const label = () => {
    const choice = stored();
    button.textContent = `Theme: ${choice}`;
    button.title = "Switch between automatic, light and dark themes (t)";
  };
  button.addEventListener("click", () => {
    cycleTheme();
    label();
  });
  label();
  return button;
}

export function cycleTheme(): void {
  const order: Choice[] = ["auto", "light", "dark"];
  const next = order[(order.indexOf(stored()) + 1) % order.length]!;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Storage may be off for pages opened from disk; the choice then lasts until reload.
    sessionChoice = next;
  }
  apply(next);
  const button = document.getElementById("theme-toggle");
  if (button) button.textContent = `Theme: ${next}`;
}

let sessionChoice: Choice | undefined;

function stored(): Choice {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (value === "light" || value === "dark" || value === "auto") return value;
  } catch {
    // See cycleTheme.
  }
  return sessionChoice ?? "auto";
}

function apply(choice: Choice): void {
  if (choice === "auto") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
  notify();
}

function notify(): void {
  document.dispatchEvent(new Event(THEME_EVENT));
}
