import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { detailElementId, REPORT_DATA_ELEMENT_ID, type ProblemDetail, type ReportData } from "../../src/report-model";

/** Reads what a written report carries, the way the page itself does: its data block and its detail blocks. */
export class ReportFile {
  readonly html: string;

  constructor(path: string) {
    this.html = readFileSync(path, "utf8");
  }

  data(): ReportData {
    const match = new RegExp(`<script type="application/json" id="${REPORT_DATA_ELEMENT_ID}">(.*?)</script>`, "s").exec(this.html);
    if (!match) throw new Error("the report has no data block");
    return JSON.parse(match[1]!) as ReportData;
  }

  detail(run: number, position: number): ProblemDetail | null {
    const match = new RegExp(`<script type="application/x-cg-detail" id="${detailElementId(run, position)}">([^<]*)</script>`).exec(this.html);
    return match ? (JSON.parse(gunzipSync(Buffer.from(match[1]!, "base64")).toString("utf8")) as ProblemDetail) : null;
  }

  /** The overview's cells of a run's row, by column key, as (shown text, sort value). */
  overviewRow(run: number): Record<string, { text: string; value: string | undefined }> {
    const row = new RegExp(`<tr data-run="${run}">(.*?)</tr>`, "s").exec(this.html);
    if (!row) throw new Error(`the overview has no row for run ${run}`);
    const cells: Record<string, { text: string; value: string | undefined }> = {};
    for (const cell of row[1]!.matchAll(/<td[^>]*data-key="([^"]+)"(?: data-value="([^"]*)")?>([^<]*)<\/td>/g)) {
      cells[cell[1]!] = { text: unescape(cell[3]!), value: cell[2] === undefined ? undefined : unescape(cell[2]) };
    }
    return cells;
  }
}

function unescape(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}
