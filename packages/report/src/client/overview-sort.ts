/**
 * Makes the server-rendered overview sortable: each header becomes a button; numbers sort by
 * their exact value (data-value), text alphabetically; empty cells go last either way.
 */
export function makeSortable(table: HTMLTableElement): void {
  const headers = [...table.tHead!.rows[0]!.cells];
  const body = table.tBodies[0]!;
  headers.forEach((th, column) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent;
    button.title = `Sort by ${th.textContent}`;
    th.replaceChildren(button);
    button.addEventListener("click", () => {
      const descending = th.getAttribute("aria-sort") !== "descending";
      for (const other of headers) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      const numeric = th.classList.contains("num");
      const rows = [...body.rows];
      const key = (row: HTMLTableRowElement) => row.cells[column]!.dataset.value;
      rows.sort((a, b) => {
        const x = key(a);
        const y = key(b);
        if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
        const order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return descending ? -order : order;
      });
      body.append(...rows);
    });
  });
}
