-- What was published, and what was frozen for signature, cannot be rewritten, even by a bug or
-- a careless query: the database itself refuses. (As for the audit log, an administrator with
-- the database password can still disable a trigger.)

-- A publication is never deleted and never changed, except that it is superseded once: its
-- superseded_by / superseded_at / supersede_reason are set, together, from NULL.
CREATE OR REPLACE FUNCTION prongsai_publications_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.superseded_by IS NULL AND NEW.superseded_by IS NOT NULL
     AND (NEW.org_id, NEW.id, NEW.fiscal_year, NEW.item_code, NEW.title, NEW.file_id, NEW.sha256, NEW.size, NEW.mime,
          NEW.source_entity, NEW.source_id, NEW.published_by, NEW.publisher_position, NEW.created_at)
     IS NOT DISTINCT FROM
         (OLD.org_id, OLD.id, OLD.fiscal_year, OLD.item_code, OLD.title, OLD.file_id, OLD.sha256, OLD.size, OLD.mime,
          OLD.source_entity, OLD.source_id, OLD.published_by, OLD.publisher_position, OLD.created_at)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'publications are immutable: they can only be superseded, once';
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER publications_immutable BEFORE UPDATE OR DELETE ON publications
  FOR EACH ROW EXECUTE FUNCTION prongsai_publications_immutable();
--> statement-breakpoint
CREATE TRIGGER publications_no_truncate BEFORE TRUNCATE ON publications
  FOR EACH STATEMENT EXECUTE FUNCTION prongsai_publications_immutable();
--> statement-breakpoint
-- A report version, once submitted (content frozen), keeps its document: its content, memo
-- fields, register number and submission time never change and the row is never deleted.
-- Only its status moves on (routing → returned | signed → published → superseded), with the
-- time it was signed and the publication it became.
CREATE OR REPLACE FUNCTION prongsai_measure_reports_frozen() RETURNS trigger AS $$
BEGIN
  IF OLD.content IS NULL THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE'
     AND (NEW.org_id, NEW.id, NEW.plan_id, NEW.version, NEW.memo, NEW.content, NEW.register_entry_id, NEW.submitted_at, NEW.created_at, NEW.created_by)
     IS NOT DISTINCT FROM
         (OLD.org_id, OLD.id, OLD.plan_id, OLD.version, OLD.memo, OLD.content, OLD.register_entry_id, OLD.submitted_at, OLD.created_at, OLD.created_by)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a submitted report version is frozen: make a new version instead';
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER measure_reports_frozen BEFORE UPDATE OR DELETE ON measure_reports
  FOR EACH ROW EXECUTE FUNCTION prongsai_measure_reports_frozen();
