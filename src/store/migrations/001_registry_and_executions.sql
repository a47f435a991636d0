-- Targets: vehicles and locks in one registry, with the provider references
-- each needs (docs/architecture.md, the model).
CREATE TABLE targets (
  id               text PRIMARY KEY,
  kind             text NOT NULL CHECK (kind IN ('VEHICLE', 'LOCK')),
  provider         text NOT NULL CHECK (provider IN ('SMARTCAR', 'MOBWAY', 'SPKEY')),
  external_id      text NOT NULL,
  provider_user_id text,
  vin              text,
  name             text,
  seq              bigserial NOT NULL UNIQUE,
  created_at       timestamptz NOT NULL DEFAULT now(),
  created_by       text NOT NULL,
  UNIQUE (provider, external_id)
);
CREATE INDEX targets_kind_seq ON targets (kind, seq DESC);
CREATE INDEX targets_vin ON targets (vin) WHERE vin IS NOT NULL;

-- Which users may command (and see) which target.
CREATE TABLE grants (
  target_id  text NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  user_id    text NOT NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  granted_by text NOT NULL,
  PRIMARY KEY (target_id, user_id)
);
CREATE INDEX grants_user ON grants (user_id, target_id);

-- One row per command, whatever the provider. `version` grows by one on every
-- transition; `seq` orders executions newest first for keyset pagination.
CREATE TABLE executions (
  id                      text PRIMARY KEY,
  seq                     bigserial NOT NULL UNIQUE,
  target_id               text NOT NULL REFERENCES targets (id),
  provider                text NOT NULL,
  command_type            text NOT NULL,
  status                  text NOT NULL CHECK (status IN ('AWAITING_CONFIRMATION', 'PENDING', 'SUCCESS', 'FAILURE')),
  execution_mode          text CHECK (execution_mode IN ('SYNC', 'ASYNC')),
  parameters              jsonb,
  error                   jsonb,
  confirmation_code       text,
  confirmation_message    text,
  confirmation_expires_at timestamptz,
  confirmation_attempts   integer NOT NULL DEFAULT 0,
  provider_execution_id   text,
  provider_status         text,
  requested_by            text NOT NULL,
  requested_at            timestamptz NOT NULL,
  executed_at             timestamptz,
  completed_at            timestamptz,
  duration_seconds        integer,
  version                 integer NOT NULL DEFAULT 1,
  updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX executions_target_seq ON executions (target_id, seq DESC);
CREATE INDEX executions_requester_seq ON executions (requested_by, seq DESC);
CREATE INDEX executions_open ON executions (status) WHERE status IN ('PENDING', 'AWAITING_CONFIRMATION');

-- Every status transition, in version order: the execution's `history`.
CREATE TABLE execution_transitions (
  execution_id    text NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
  version         integer NOT NULL,
  status          text NOT NULL,
  provider_status text,
  reason          text,
  at              timestamptz NOT NULL,
  PRIMARY KEY (execution_id, version)
);

-- Idempotency keys, per user, kept at least 24 hours.
CREATE TABLE idempotency_keys (
  user_id      text NOT NULL,
  key          text NOT NULL,
  operation    text NOT NULL,
  input_hash   text NOT NULL,
  execution_id text REFERENCES executions (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

-- Small facts about this database, e.g. whether the demo fleet was seeded.
CREATE TABLE app_meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);
