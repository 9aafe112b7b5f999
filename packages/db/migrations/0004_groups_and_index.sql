-- Comparison groups: assignments a teacher links (sections of one course, last year's class) so
-- their submissions are compared with each other. An assignment belongs to at most one group.
CREATE TABLE comparison_groups (
  id                bigserial PRIMARY KEY,
  owner_teacher_id  bigint REFERENCES teachers(id) ON DELETE SET NULL,
  created_at        timestamptz NOT NULL DEFAULT now()
);

-- 'active': compared both ways; 'reference' (an earlier term): compared with new work only,
-- never paired among itself.
CREATE TABLE comparison_group_assignments (
  assignment_id  bigint PRIMARY KEY REFERENCES assignments(id) ON DELETE CASCADE,
  group_id       bigint NOT NULL REFERENCES comparison_groups(id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('active', 'reference')),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comparison_group_assignments_group_idx ON comparison_group_assignments (group_id);

-- One row per analysed file of each student's indexed (latest) submission: the normalized
-- content hash finds identical files even when their fingerprints are too common to query,
-- and the token count finds submissions too small for fingerprints.
CREATE TABLE indexed_files (
  assignment_id   bigint NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
  submission_id   bigint NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  file_id         bigint NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  student_id      bigint NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  content_hash    text NOT NULL,
  token_count     integer NOT NULL,
  engine_version  text NOT NULL,
  PRIMARY KEY (submission_id, file_id)
);
CREATE INDEX indexed_files_scope_hash_idx ON indexed_files (assignment_id, content_hash);
CREATE INDEX indexed_files_student_idx ON indexed_files (assignment_id, student_id);

-- The index holds one submission per (assignment, student); replacing it deletes by these keys.
CREATE INDEX fingerprints_scope_student_idx ON fingerprints (assignment_id, student_id);

-- Similarity with shared fingerprints weighted by how rare they are in the scope; the rescore
-- recomputes it as the class grows, and the rank score is built from it.
ALTER TABLE pairs ADD COLUMN weighted_similarity real NOT NULL DEFAULT 0;
CREATE INDEX pairs_student_a_idx ON pairs (student_a);
