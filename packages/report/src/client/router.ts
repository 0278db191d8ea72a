/** Where the page is: a view and its arguments, kept in the URL's hash so links and Back work. */
export interface Route {
  view: string;
  args: string[];
}

export function currentRoute(): Route {
  const parts = location.hash.replace(/^#/, "").split("/").map(decodeURIComponent);
  const view = parts[0] || "overview";
  return { view, args: parts.slice(1) };
}

export function routeHref(view: string, ...args: Array<string | number>): string {
  return `#${[view, ...args.map((arg) => encodeURIComponent(String(arg)))].join("/")}`;
}

export function navigate(view: string, ...args: Array<string | number>): void {
  location.hash = routeHref(view, ...args);
}
