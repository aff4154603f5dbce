-- The audit log is append-only: an UPDATE, DELETE or TRUNCATE is refused by the database
-- itself, so a bug or a careless query cannot rewrite history. (An administrator with the
-- database password can still disable the trigger; the hash chain then shows what changed.)
CREATE OR REPLACE FUNCTION prongsai_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION prongsai_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION prongsai_audit_append_only();
