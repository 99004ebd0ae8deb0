/**
 * The hub's store, with PostgreSQL semantics: embedded PGlite by default, a PostgreSQL server
 * with --database-url (store.node.ts implements both behind this interface). It records the
 * published versions; the files themselves are plain files in the hub's data folder
 * (layout.ts), served as they are.
 */
export interface VersionRecord {
  version: number;
  /** ISO time */
  created_at: string;
  catalogue_version: string;
  entries: number;
  /** the signed envelope, as served (manifest-N.json) */
  envelope: string;
  /** the file names of this version (snapshot, and delta when there is one) */
  files: string[];
}

export interface HubStore {
  latest(): Promise<VersionRecord | null>;
  get(version: number): Promise<VersionRecord | null>;
  /** every version, oldest first */
  list(): Promise<VersionRecord[]>;
  /** records a new version; refuses (throws) a version that exists or is not the next one */
  insert(r: VersionRecord): Promise<void>;
  close(): Promise<void>;
}
