-- The head of each organization's audit chain only moves forward: a head set back (to hide
-- entries removed from the end of the log) or rewritten in place is refused by the database.
CREATE OR REPLACE FUNCTION prongsai_audit_head_forward_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_heads rows cannot be deleted';
  END IF;
  IF NEW.org_id <> OLD.org_id OR NEW.seq < OLD.seq OR (NEW.seq = OLD.seq AND NEW.hash <> OLD.hash) THEN
    RAISE EXCEPTION 'the audit chain head only moves forward';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_heads_forward_only BEFORE UPDATE OR DELETE ON audit_heads
  FOR EACH ROW EXECUTE FUNCTION prongsai_audit_head_forward_only();
--> statement-breakpoint
CREATE TRIGGER audit_heads_no_truncate BEFORE TRUNCATE ON audit_heads
  FOR EACH STATEMENT EXECUTE FUNCTION prongsai_audit_append_only();
