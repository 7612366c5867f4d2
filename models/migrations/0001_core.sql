-- The core schema. Frozen: later changes go into new migrations.
-- {{pk}} and {{ts}} are replaced per dialect (see models/migrate.go).

CREATE TABLE countries (
  code   TEXT PRIMARY KEY,
  name   TEXT NOT NULL,
  region TEXT NOT NULL
);

CREATE TABLE offices (
  id           {{pk}},
  version      BIGINT NOT NULL DEFAULT 1,
  created_at   {{ts}} NOT NULL,
  updated_at   {{ts}} NOT NULL,
  deleted_at   {{ts}},
  name         TEXT NOT NULL,
  country_code TEXT REFERENCES countries(code)
);
CREATE UNIQUE INDEX ux_offices_name ON offices (name);

CREATE TABLE users (
  id            {{pk}},
  version       BIGINT NOT NULL DEFAULT 1,
  created_at    {{ts}} NOT NULL,
  updated_at    {{ts}} NOT NULL,
  email         TEXT NOT NULL,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin','manager','officer','viewer')),
  office_id     BIGINT NOT NULL REFERENCES offices(id),
  active        BOOLEAN NOT NULL DEFAULT TRUE,
  locale        TEXT NOT NULL DEFAULT 'en',
  last_login_at {{ts}}
);
CREATE UNIQUE INDEX ux_users_email ON users (email);
CREATE INDEX ix_users_office ON users (office_id);
CREATE INDEX ix_users_name ON users (name, id);

CREATE TABLE sessions (
  id           {{pk}},
  token_hash   TEXT NOT NULL,
  user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   {{ts}} NOT NULL,
  last_seen_at {{ts}} NOT NULL,
  expires_at   {{ts}} NOT NULL,
  client_addr  TEXT NOT NULL DEFAULT '',
  user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX ux_sessions_token ON sessions (token_hash);
CREATE INDEX ix_sessions_user ON sessions (user_id);
CREATE INDEX ix_sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
  id           {{pk}},
  user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL,
  created_at   {{ts}} NOT NULL,
  last_used_at {{ts}},
  revoked_at   {{ts}}
);
CREATE UNIQUE INDEX ux_api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);

CREATE TABLE organizations (
  id           {{pk}},
  version      BIGINT NOT NULL DEFAULT 1,
  created_at   {{ts}} NOT NULL,
  updated_at   {{ts}} NOT NULL,
  deleted_at   {{ts}},
  office_id    BIGINT NOT NULL REFERENCES offices(id),
  owner_id     BIGINT REFERENCES users(id),
  name         TEXT NOT NULL,
  name_local   TEXT NOT NULL DEFAULT '',
  acronym      TEXT NOT NULL DEFAULT '',
  type         TEXT NOT NULL,
  level        TEXT,
  country_code TEXT REFERENCES countries(code),
  city         TEXT NOT NULL DEFAULT '',
  parent_id    BIGINT REFERENCES organizations(id),
  website      TEXT NOT NULL DEFAULT '',
  email        TEXT NOT NULL DEFAULT '',
  phone        TEXT NOT NULL DEFAULT '',
  description  TEXT NOT NULL DEFAULT '',
  influence    INTEGER CHECK (influence BETWEEN 1 AND 5),
  interest     INTEGER CHECK (interest BETWEEN 1 AND 5),
  search_text  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_organizations_name ON organizations (name, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_organizations_updated ON organizations (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_organizations_created ON organizations (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_organizations_office ON organizations (office_id, name, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_organizations_owner ON organizations (owner_id, name, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_organizations_type ON organizations (type, name, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_organizations_level ON organizations (level, name, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_organizations_country ON organizations (country_code, name, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_organizations_parent ON organizations (parent_id, name, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_organizations_archived ON organizations (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE contacts (
  id            {{pk}},
  version       BIGINT NOT NULL DEFAULT 1,
  created_at    {{ts}} NOT NULL,
  updated_at    {{ts}} NOT NULL,
  deleted_at    {{ts}},
  office_id     BIGINT NOT NULL REFERENCES offices(id),
  owner_id      BIGINT REFERENCES users(id),
  honorific     TEXT NOT NULL DEFAULT '',
  given_name    TEXT NOT NULL DEFAULT '',
  family_name   TEXT NOT NULL DEFAULT '',
  full_name     TEXT NOT NULL,
  name_local    TEXT NOT NULL DEFAULT '',
  gender        TEXT,
  email         TEXT NOT NULL DEFAULT '',
  phone         TEXT NOT NULL DEFAULT '',
  languages     TEXT NOT NULL DEFAULT '',
  country_code  TEXT REFERENCES countries(code),
  city          TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT '',
  restricted    BOOLEAN NOT NULL DEFAULT FALSE,
  consent_basis TEXT,
  search_text   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_contacts_full_name ON contacts (full_name, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contacts_family_name ON contacts (family_name, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contacts_updated ON contacts (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contacts_created ON contacts (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contacts_office ON contacts (office_id, full_name, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contacts_owner ON contacts (owner_id, full_name, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contacts_country ON contacts (country_code, full_name, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contacts_gender ON contacts (gender, full_name, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contacts_restricted ON contacts (office_id, id) WHERE restricted AND deleted_at IS NULL;
CREATE INDEX ix_contacts_archived ON contacts (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE positions (
  id              {{pk}},
  contact_id      BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  organization_id BIGINT NOT NULL REFERENCES organizations(id),
  title           TEXT NOT NULL DEFAULT '',
  start_date      TEXT,
  end_date        TEXT,
  "primary"       BOOLEAN NOT NULL DEFAULT FALSE,
  created_at      {{ts}} NOT NULL
);
CREATE INDEX ix_positions_contact ON positions (contact_id);
CREATE INDEX ix_positions_organization ON positions (organization_id, contact_id);

CREATE TABLE projects (
  id                    {{pk}},
  version               BIGINT NOT NULL DEFAULT 1,
  created_at            {{ts}} NOT NULL,
  updated_at            {{ts}} NOT NULL,
  deleted_at            {{ts}},
  office_id             BIGINT NOT NULL REFERENCES offices(id),
  code                  TEXT NOT NULL,
  name                  TEXT NOT NULL,
  description           TEXT NOT NULL DEFAULT '',
  donor_organization_id BIGINT REFERENCES organizations(id),
  start_date            TEXT,
  end_date              TEXT
);
CREATE UNIQUE INDEX ux_projects_code ON projects (code);
CREATE INDEX ix_projects_name ON projects (name, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_projects_donor ON projects (donor_organization_id);

CREATE TABLE visits (
  id                  {{pk}},
  version             BIGINT NOT NULL DEFAULT 1,
  created_at          {{ts}} NOT NULL,
  updated_at          {{ts}} NOT NULL,
  deleted_at          {{ts}},
  office_id           BIGINT NOT NULL REFERENCES offices(id),
  owner_id            BIGINT REFERENCES users(id),
  title               TEXT NOT NULL,
  kind                TEXT NOT NULL,
  status              TEXT NOT NULL,
  purpose             TEXT NOT NULL DEFAULT '',
  outcomes            TEXT NOT NULL DEFAULT '',
  start_date          TEXT NOT NULL,
  end_date            TEXT NOT NULL,
  origin_country_code TEXT REFERENCES countries(code),
  host_country_code   TEXT REFERENCES countries(code),
  city                TEXT NOT NULL DEFAULT '',
  project_id          BIGINT REFERENCES projects(id),
  search_text         TEXT NOT NULL DEFAULT '',
  CHECK (end_date >= start_date)
);
CREATE INDEX ix_visits_start ON visits (start_date, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_visits_updated ON visits (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_visits_office ON visits (office_id, start_date, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_visits_owner ON visits (owner_id, start_date, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_visits_status ON visits (status, start_date, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_visits_host ON visits (host_country_code, start_date, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_visits_project ON visits (project_id, start_date, id) WHERE deleted_at IS NULL;

CREATE TABLE visit_participants (
  id              {{pk}},
  visit_id        BIGINT NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
  organization_id BIGINT REFERENCES organizations(id),
  contact_id      BIGINT REFERENCES contacts(id),
  side            TEXT NOT NULL,
  role            TEXT NOT NULL,
  CHECK ((organization_id IS NULL) <> (contact_id IS NULL))
);
CREATE INDEX ix_visit_participants_visit ON visit_participants (visit_id);
CREATE INDEX ix_visit_participants_org ON visit_participants (organization_id, visit_id);
CREATE INDEX ix_visit_participants_contact ON visit_participants (contact_id, visit_id);

CREATE TABLE interactions (
  id           {{pk}},
  version      BIGINT NOT NULL DEFAULT 1,
  created_at   {{ts}} NOT NULL,
  updated_at   {{ts}} NOT NULL,
  deleted_at   {{ts}},
  office_id    BIGINT NOT NULL REFERENCES offices(id),
  owner_id     BIGINT REFERENCES users(id),
  kind         TEXT NOT NULL,
  status       TEXT NOT NULL,
  subject      TEXT NOT NULL,
  summary      TEXT NOT NULL DEFAULT '',
  starts_at    {{ts}} NOT NULL,
  ends_at      {{ts}},
  location     TEXT NOT NULL DEFAULT '',
  city         TEXT NOT NULL DEFAULT '',
  country_code TEXT REFERENCES countries(code),
  visit_id     BIGINT REFERENCES visits(id),
  project_id   BIGINT REFERENCES projects(id),
  restricted   BOOLEAN NOT NULL DEFAULT FALSE,
  search_text  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_interactions_starts ON interactions (starts_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_interactions_updated ON interactions (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_interactions_office ON interactions (office_id, starts_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_interactions_owner ON interactions (owner_id, starts_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_interactions_visit ON interactions (visit_id, starts_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_interactions_project ON interactions (project_id, starts_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_interactions_kind ON interactions (kind, starts_at, id) WHERE deleted_at IS NULL;

CREATE TABLE interaction_participants (
  id              {{pk}},
  interaction_id  BIGINT NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  organization_id BIGINT REFERENCES organizations(id),
  contact_id      BIGINT REFERENCES contacts(id),
  role            TEXT NOT NULL,
  CHECK ((organization_id IS NULL) <> (contact_id IS NULL))
);
CREATE INDEX ix_interaction_participants_interaction ON interaction_participants (interaction_id);
CREATE INDEX ix_interaction_participants_org ON interaction_participants (organization_id, interaction_id);
CREATE INDEX ix_interaction_participants_contact ON interaction_participants (contact_id, interaction_id);

CREATE TABLE commitments (
  id                          {{pk}},
  version                     BIGINT NOT NULL DEFAULT 1,
  created_at                  {{ts}} NOT NULL,
  updated_at                  {{ts}} NOT NULL,
  deleted_at                  {{ts}},
  office_id                   BIGINT NOT NULL REFERENCES offices(id),
  owner_id                    BIGINT REFERENCES users(id),
  title                       TEXT NOT NULL,
  details                     TEXT NOT NULL DEFAULT '',
  direction                   TEXT NOT NULL,
  counterpart_organization_id BIGINT REFERENCES organizations(id),
  counterpart_contact_id      BIGINT REFERENCES contacts(id),
  due_date                    TEXT,
  status                      TEXT NOT NULL,
  priority                    TEXT NOT NULL DEFAULT 'normal',
  interaction_id              BIGINT REFERENCES interactions(id),
  visit_id                    BIGINT REFERENCES visits(id),
  project_id                  BIGINT REFERENCES projects(id),
  restricted                  BOOLEAN NOT NULL DEFAULT FALSE,
  completed_at                {{ts}},
  closure_note                TEXT NOT NULL DEFAULT '',
  search_text                 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_commitments_due ON commitments (due_date, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_commitments_updated ON commitments (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_commitments_open_due ON commitments (due_date, id) WHERE deleted_at IS NULL AND status IN ('open','in_progress');
CREATE INDEX ix_commitments_office ON commitments (office_id, due_date, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_commitments_owner ON commitments (owner_id, due_date, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_commitments_status ON commitments (status, due_date, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_commitments_org ON commitments (counterpart_organization_id, due_date, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_commitments_contact ON commitments (counterpart_contact_id, due_date, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_commitments_interaction ON commitments (interaction_id) WHERE deleted_at IS NULL;
CREATE INDEX ix_commitments_visit ON commitments (visit_id) WHERE deleted_at IS NULL;
CREATE INDEX ix_commitments_project ON commitments (project_id, due_date, id) WHERE deleted_at IS NULL;

CREATE TABLE tags (
  id         {{pk}},
  version    BIGINT NOT NULL DEFAULT 1,
  created_at {{ts}} NOT NULL,
  updated_at {{ts}} NOT NULL,
  slug       TEXT NOT NULL,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('theme','sdg','custom'))
);
CREATE UNIQUE INDEX ux_tags_slug ON tags (slug);

CREATE TABLE taggings (
  entity_type TEXT NOT NULL,
  entity_id   BIGINT NOT NULL,
  tag_id      BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (entity_type, entity_id, tag_id)
);
CREATE INDEX ix_taggings_tag ON taggings (tag_id, entity_type, entity_id);

CREATE TABLE audit_events (
  id          {{pk}},
  at          {{ts}} NOT NULL,
  actor_id    BIGINT REFERENCES users(id),
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   BIGINT,
  office_id   BIGINT,
  changes     TEXT NOT NULL DEFAULT '',
  client_addr TEXT NOT NULL DEFAULT '',
  request_id  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_audit_events_entity ON audit_events (entity, entity_id, id);
CREATE INDEX ix_audit_events_actor ON audit_events (actor_id, id);
CREATE INDEX ix_audit_events_at ON audit_events (at, id);
CREATE INDEX ix_audit_events_action ON audit_events (action, at);
