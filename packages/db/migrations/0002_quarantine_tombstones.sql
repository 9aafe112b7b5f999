-- Deliveries whose secret we do not know yet (a teacher refreshed it on the platform before
-- updating it here): kept for a day with the secret replaced by its hash, accepted once the
-- classroom's new secret matches.
CREATE TABLE quarantined_deliveries (
  id            bigserial PRIMARY KEY,
  classroom_id  bigint NOT NULL REFERENCES classrooms(id) ON DELETE CASCADE,
  secret_hash   text NOT NULL,
  body_sha256   text NOT NULL,
  body          jsonb NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL DEFAULT now() + interval '24 hours',
  UNIQUE (classroom_id, body_sha256)
);
CREATE INDEX quarantined_deliveries_lookup_idx ON quarantined_deliveries (classroom_id, secret_hash);

-- A deleted student leaves a hash of their key; deliveries submitted before the deletion are
-- refused, so a late retry cannot bring their data back.
CREATE TABLE tombstones (
  classroom_id  bigint NOT NULL REFERENCES classrooms(id) ON DELETE CASCADE,
  key_hash      text NOT NULL,
  deleted_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (classroom_id, key_hash)
);
