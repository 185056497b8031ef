CREATE TABLE metadata (
  "key" TEXT PRIMARY KEY,
  "value" TEXT NOT NULL
);
CREATE TABLE sources (
  "id" TEXT PRIMARY KEY,
  "path" TEXT,
  "sha256" TEXT,
  "title" TEXT,
  "kind" TEXT,
  "publisher" TEXT,
  "published" TEXT,
  "url" TEXT,
  "note" TEXT
);
CREATE TABLE source_relations (
  "source" TEXT NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
  "position" INTEGER NOT NULL,
  "kind" TEXT NOT NULL,
  "related" TEXT NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
  "note" TEXT,
  PRIMARY KEY (source, position)
);
CREATE TABLE entities (
  "id" TEXT PRIMARY KEY,
  "name" TEXT,
  "note" TEXT,
  "type" TEXT,
  "iso3166" TEXT
);
CREATE TABLE entity_aliases (
  "entity" TEXT NOT NULL REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
  "alias" TEXT NOT NULL,
  PRIMARY KEY (entity, alias)
);
CREATE TABLE entity_roles (
  "entity" TEXT NOT NULL REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
  "role" TEXT NOT NULL,
  PRIMARY KEY (entity, role)
);
CREATE TABLE claims (
  "id" TEXT PRIMARY KEY,
  "kind" TEXT,
  "status" TEXT,
  "superseded_by" TEXT REFERENCES claims(id) DEFERRABLE INITIALLY DEFERRED,
  "subject" TEXT,
  "property" TEXT,
  "value_amount" NUMERIC,
  "value_currency" TEXT,
  "value_bound" TEXT,
  "value_tolerance" NUMERIC,
  "value_precision" NUMERIC,
  "value_value" NUMERIC,
  "value_list" TEXT,
  "value_date" TEXT,
  "value_start" INTEGER,
  "value_end" INTEGER,
  "value_text" TEXT,
  "value_speaker" TEXT REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
  "value_role" TEXT,
  "value_ordinal" INTEGER,
  "qualifier_as_of" TEXT,
  "qualifier_fiscal_years" TEXT,
  "qualifier_cumulative" INTEGER CHECK ("qualifier_cumulative" IN (0, 1)),
  "qualifier_scope" TEXT,
  "qualifier_inferred" TEXT,
  "voice" TEXT,
  "mentions" TEXT,
  "heading" INTEGER CHECK ("heading" IN (0, 1)),
  "derived" INTEGER CHECK ("derived" IN (0, 1)),
  "reason" TEXT,
  "note" TEXT
);
CREATE TABLE provenance (
  "claim" TEXT NOT NULL REFERENCES claims(id) DEFERRABLE INITIALLY DEFERRED,
  "position" INTEGER NOT NULL CHECK (position >= 1),
  "source" TEXT NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
  "quote" TEXT NOT NULL,
  "start" INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  PRIMARY KEY (claim, position)
);
CREATE TABLE resolutions (
  "id" TEXT PRIMARY KEY,
  "kind" TEXT NOT NULL,
  "rationale" TEXT NOT NULL,
  "preferred" TEXT REFERENCES claims(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE resolution_claims (
  "resolution" TEXT NOT NULL REFERENCES resolutions(id) DEFERRABLE INITIALLY DEFERRED,
  "claim" TEXT NOT NULL REFERENCES claims(id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (resolution, claim)
);
CREATE TABLE resolution_evidence (
  "resolution" TEXT NOT NULL REFERENCES resolutions(id) DEFERRABLE INITIALLY DEFERRED,
  "position" INTEGER NOT NULL,
  "claim" TEXT REFERENCES claims(id) DEFERRABLE INITIALLY DEFERRED,
  "title" TEXT,
  "publisher" TEXT,
  "date" TEXT,
  "identifier" TEXT,
  "url" TEXT,
  "quote" TEXT,
  PRIMARY KEY (resolution, position)
);
CREATE TABLE conflicts (
  "id" INTEGER PRIMARY KEY,
  "kind" TEXT NOT NULL,
  "code" TEXT NOT NULL,
  "severity" TEXT NOT NULL,
  "question" TEXT NOT NULL,
  "reason" TEXT NOT NULL,
  "detail" TEXT NOT NULL,
  "undetermined" INTEGER NOT NULL CHECK (undetermined IN (0, 1)),
  "leans_on_inference" INTEGER NOT NULL CHECK (leans_on_inference IN (0, 1)),
  "resolution" TEXT REFERENCES resolutions(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE conflict_variants (
  "conflict" INTEGER NOT NULL REFERENCES conflicts(id) DEFERRABLE INITIALLY DEFERRED,
  "variant" INTEGER NOT NULL,
  "says" TEXT NOT NULL,
  "text" TEXT,
  "when" TEXT,
  "scope" TEXT,
  PRIMARY KEY (conflict, variant)
);
CREATE TABLE conflict_claims (
  "conflict" INTEGER NOT NULL REFERENCES conflicts(id) DEFERRABLE INITIALLY DEFERRED,
  "claim" TEXT NOT NULL REFERENCES claims(id) DEFERRABLE INITIALLY DEFERRED,
  "variant" INTEGER,
  PRIMARY KEY (conflict, claim),
  FOREIGN KEY (conflict, variant) REFERENCES conflict_variants(conflict, variant) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE conflict_diffs (
  "conflict" INTEGER NOT NULL REFERENCES conflicts(id) DEFERRABLE INITIALLY DEFERRED,
  "from_variant" INTEGER NOT NULL,
  "to_variant" INTEGER NOT NULL,
  "diff" TEXT NOT NULL,
  PRIMARY KEY (conflict, from_variant, to_variant)
);
CREATE TABLE coverage_ignores (
  "id" INTEGER PRIMARY KEY,
  "source" TEXT NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
  "quote" TEXT NOT NULL,
  "reason" TEXT NOT NULL
);
CREATE INDEX claims_kind ON claims(kind);
CREATE INDEX claims_subject ON claims(subject);
CREATE INDEX claims_property ON claims(property);
CREATE INDEX claims_status ON claims(status);
CREATE INDEX provenance_source ON provenance(source);
CREATE INDEX entity_aliases_alias ON entity_aliases(alias);
CREATE INDEX source_relations_related ON source_relations(related);
CREATE INDEX resolution_claims_claim ON resolution_claims(claim);
CREATE INDEX conflict_claims_claim ON conflict_claims(claim);
CREATE VIEW claim_quotes AS
  SELECT c.id AS claim, c.kind, c.status, c.subject, c.property, p.position, p.source,
         s.title AS source_title, s.publisher AS source_publisher,
         s.published AS source_published, p.quote, p.start, p."end"
  FROM claims AS c
  JOIN provenance AS p ON p.claim = c.id
  JOIN sources AS s ON s.id = p.source;
CREATE VIEW claim_subjects AS
  SELECT c.id AS claim, c.subject, COALESCE(e.name, s.title) AS subject_name,
         CASE WHEN e.id IS NOT NULL THEN 'entity' WHEN s.id IS NOT NULL THEN 'source' END
           AS subject_kind
  FROM claims AS c
  LEFT JOIN entities AS e ON e.id = c.subject
  LEFT JOIN sources AS s ON s.id = c.subject;
CREATE VIEW unresolved_conflicts AS
  SELECT f.id AS conflict, f.code, f.severity, f.detail,
         (SELECT group_concat(claim, ' ') FROM
            (SELECT claim FROM conflict_claims WHERE conflict = f.id ORDER BY claim)) AS claims
  FROM conflicts AS f
  WHERE f.resolution IS NULL;
