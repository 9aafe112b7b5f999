-- An index on the referencing side of every foreign key that had none whose leading columns are
-- that key. Deleting a parent row (a student, a classroom, a submission through them) makes
-- Postgres find the referencing rows for the cascade or SET NULL; without an index each lookup
-- is a sequential scan, once per deleted row: deleting a student with 1,000 files scanned
-- fingerprints 1,000 times. Partial indexes (students_platform_uq, assignments_*_uq) do not count:
-- they skip rows. packages/db/src/schema-indexes.test.ts keeps every foreign key covered.
CREATE INDEX api_tokens_teacher_idx ON api_tokens (teacher_id);
CREATE INDEX students_classroom_idx ON students (classroom_id);
CREATE INDEX assignments_classroom_idx ON assignments (classroom_id);
CREATE INDEX submissions_student_idx ON submissions (student_id);
CREATE INDEX deliveries_submission_idx ON deliveries (submission_id);
CREATE INDEX fingerprints_file_idx ON fingerprints (file_id);
CREATE INDEX hash_students_student_idx ON hash_students (student_id);
CREATE INDEX pairs_submission_a_idx ON pairs (submission_a);
CREATE INDEX pairs_submission_b_idx ON pairs (submission_b);
CREATE INDEX pairs_verdict_by_idx ON pairs (verdict_by);
CREATE INDEX comparison_groups_owner_idx ON comparison_groups (owner_teacher_id);
CREATE INDEX indexed_files_file_idx ON indexed_files (file_id);
CREATE INDEX indexed_files_student_id_idx ON indexed_files (student_id);
