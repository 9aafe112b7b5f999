-- Crosscheck schema. Postgres is the source of truth; Redis only carries work.

CREATE TABLE teachers (
  id          bigserial PRIMARY KEY,
  name        text NOT NULL,
  email       text,
  is_admin    boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- API tokens are shown once and stored as HMAC-SHA256 under SECRET_PEPPER.
CREATE TABLE api_tokens (
  id            bigserial PRIMARY KEY,
  teacher_id    bigint NOT NULL REFERENCES teachers(id) ON DELETE CASCADE,
  token_hash    text NOT NULL UNIQUE,
  label         text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz
);

CREATE TABLE classrooms (
  id                          bigserial PRIMARY KEY,
  name                        text NOT NULL,
  platform_id                 bigint,
  secret_hash                 text NOT NULL,
  previous_secret_hash        text,
  previous_secret_expires_at  timestamptz,
  created_at                  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE classroom_members (
  classroom_id  bigint NOT NULL REFERENCES classrooms(id) ON DELETE CASCADE,
  teacher_id    bigint NOT NULL REFERENCES teachers(id) ON DELETE CASCADE,
  role          text NOT NULL CHECK (role IN ('owner', 'assistant')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (classroom_id, teacher_id)
);
CREATE INDEX classroom_members_teacher_idx ON classroom_members (teacher_id);

CREATE TABLE students (
  id            bigserial PRIMARY KEY,
  classroom_id  bigint NOT NULL REFERENCES classrooms(id) ON DELETE CASCADE,
  platform_id   bigint,
  email         text,
  first_name    text NOT NULL DEFAULT '',
  last_name     text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX students_platform_uq ON students (classroom_id, platform_id) WHERE platform_id IS NOT NULL;
CREATE INDEX students_email_idx ON students (classroom_id, lower(email)) WHERE email IS NOT NULL;

CREATE TABLE assignments (
  id               bigserial PRIMARY KEY,
  classroom_id     bigint NOT NULL REFERENCES classrooms(id) ON DELETE CASCADE,
  platform_id      bigint,
  name             text NOT NULL,
  type             text,
  flag_threshold   real,
  min_longest      integer,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX assignments_platform_uq ON assignments (classroom_id, platform_id) WHERE platform_id IS NOT NULL;
CREATE UNIQUE INDEX assignments_name_uq ON assignments (classroom_id, name) WHERE platform_id IS NULL;

CREATE TABLE starter_files (
  assignment_id  bigint NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
  name           text NOT NULL,
  content        text NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (assignment_id, name)
);

CREATE TABLE submissions (
  id               bigserial PRIMARY KEY,
  classroom_id     bigint NOT NULL REFERENCES classrooms(id) ON DELETE CASCADE,
  assignment_id    bigint NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
  student_id       bigint NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  platform_id      bigint,
  status           text NOT NULL,
  time_submitted   timestamptz NOT NULL,
  time_created     timestamptz,
  teacher_url      text,
  student_url      text,
  -- (platform submission id, time_submitted) when ids are present, else a hash of the content.
  dedupe_key       text NOT NULL,
  content_hash     text NOT NULL,
  revision         integer NOT NULL DEFAULT 1,
  analysis_status  text NOT NULL DEFAULT 'queued' CHECK (analysis_status IN ('queued', 'analysed', 'skipped', 'failed')),
  analysis_reason  text,
  engine_version   text,
  analysed_at      timestamptz,
  received_at      timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (classroom_id, dedupe_key)
);
CREATE INDEX submissions_assignment_idx ON submissions (assignment_id, student_id, time_submitted DESC);
CREATE INDEX submissions_queued_idx ON submissions (updated_at) WHERE analysis_status = 'queued';

CREATE TABLE files (
  id             bigserial PRIMARY KEY,
  submission_id  bigint NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  name           text NOT NULL,
  content        text NOT NULL,
  UNIQUE (submission_id, name)
);

-- Every delivery's outcome, without secrets or student data.
CREATE TABLE deliveries (
  id             bigserial PRIMARY KEY,
  classroom_id   bigint REFERENCES classrooms(id) ON DELETE CASCADE,
  received_at    timestamptz NOT NULL DEFAULT now(),
  outcome        text NOT NULL,
  reason         text,
  http_status    integer NOT NULL,
  submission_id  bigint REFERENCES submissions(id) ON DELETE SET NULL,
  body_sha256    text
);
CREATE INDEX deliveries_classroom_idx ON deliveries (classroom_id, received_at DESC);

-- The persistent index: each file's winnowed fingerprints, keyed by scope (the assignment).
CREATE TABLE fingerprints (
  assignment_id  bigint NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
  hash           bigint NOT NULL,
  submission_id  bigint NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  file_id        bigint NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  student_id     bigint NOT NULL,
  token_index    integer NOT NULL,
  start_line     integer NOT NULL,
  end_line       integer NOT NULL,
  engine_version text NOT NULL
);
CREATE INDEX fingerprints_scope_hash_idx ON fingerprints (assignment_id, hash);
CREATE INDEX fingerprints_submission_idx ON fingerprints (submission_id);

-- Document frequency per scope: how many students hold each hash, exact under re-runs.
CREATE TABLE hash_students (
  assignment_id  bigint NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
  hash           bigint NOT NULL,
  student_id     bigint NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  PRIMARY KEY (assignment_id, hash, student_id)
);

CREATE TABLE pairs (
  id               bigserial PRIMARY KEY,
  assignment_id    bigint NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
  student_a        bigint NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  student_b        bigint NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  submission_a     bigint NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  submission_b     bigint NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  similarity       real NOT NULL,
  longest_tokens   integer NOT NULL,
  longest_lines    integer NOT NULL,
  overlap          integer NOT NULL,
  rank_score       real NOT NULL DEFAULT 0,
  flagged          boolean NOT NULL DEFAULT false,
  fragments        jsonb NOT NULL DEFAULT '[]',
  engine_version   text NOT NULL,
  verdict          text NOT NULL DEFAULT 'open' CHECK (verdict IN ('open', 'dismissed', 'confirmed')),
  verdict_note     text,
  verdict_by       bigint REFERENCES teachers(id) ON DELETE SET NULL,
  verdict_at       timestamptz,
  dismissed_similarity real,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (student_a < student_b),
  UNIQUE (assignment_id, student_a, student_b)
);
CREATE INDEX pairs_assignment_idx ON pairs (assignment_id, similarity DESC);
CREATE INDEX pairs_student_b_idx ON pairs (student_b);
