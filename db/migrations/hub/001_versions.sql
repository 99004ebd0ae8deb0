-- The hub's published catalogue versions (sync/hub/store.ts: VersionRecord). One row per
-- version, numbered 1, 2, 3 … without gaps; the files themselves are plain files in the hub's
-- data folder (files/), served as they are.
CREATE TABLE catalogue_version (
  version           integer     PRIMARY KEY CHECK (version > 0),
  created_at        timestamptz NOT NULL,
  catalogue_version text        NOT NULL CHECK (catalogue_version <> ''),
  entries           integer     NOT NULL CHECK (entries >= 0),
  -- the signed envelope, exactly as served (manifest-N.json)
  envelope          text        NOT NULL,
  -- the file names of this version (its snapshot, and its delta when it has one)
  files             text[]      NOT NULL
);
