-- Which providers exist is the provider registry's to say (src/providers/registry.ts), not the
-- schema's: a provider added in its own folder needs no migration. The registry validates every
-- registration; a stored target whose provider is no longer registered is reported at start and
-- its commands fail PROVIDER_NOT_CONFIGURED. What stays is the shape of a name.
ALTER TABLE targets DROP CONSTRAINT IF EXISTS targets_provider_check;
ALTER TABLE targets ADD CONSTRAINT targets_provider_name CHECK (provider ~ '^[A-Z][A-Z0-9_]*$');
