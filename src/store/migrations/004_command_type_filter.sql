-- `commandExecutions(filter: { commandType })` reads a user's (or, for an
-- admin, everyone's) executions of one command type, newest first. Without
-- these, a rare type was found by reading the whole table (99 ms at 100,000
-- rows, against 0.2 ms for the other filters); with them, by index. The
-- column never changes after insert, so they cost each command one index
-- entry apiece and never an update.
CREATE INDEX executions_requester_type_seq ON executions (requested_by, command_type, seq DESC);
CREATE INDEX executions_type_seq ON executions (command_type, seq DESC);
