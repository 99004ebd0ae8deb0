// Types of build/preflight.mjs (a plain Node script: it runs before anything is built).
export interface PackageRow {
  pkg: string;
  probe: string;
  test: boolean;
}
export function parsePackageList(text: string): PackageRow[];
export function installCommand(pkgs: string[], hasSudo: boolean): string;
export function preflight(o: { rows: PackageRow[]; exists: (p: string) => boolean; hasSudo: boolean; chromiumPath?: string }): { ok: true } | { ok: false; message: string };
