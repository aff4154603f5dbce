ALTER TABLE "publications" ADD COLUMN "visible_from" timestamp with time zone;--> statement-breakpoint
-- visible_from is fixed when the row is written, like everything else a publication says.
CREATE OR REPLACE FUNCTION prongsai_publications_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (NEW.org_id, NEW.id, NEW.fiscal_year, NEW.item_code, NEW.title, NEW.file_id, NEW.sha256, NEW.size, NEW.mime,
          NEW.source_entity, NEW.source_id, NEW.published_by, NEW.publisher_position, NEW.created_at,
          NEW.kind, NEW.action, NEW.withdraws, NEW.reason, NEW.chain_link, NEW.visible_from)
     IS NOT DISTINCT FROM
         (OLD.org_id, OLD.id, OLD.fiscal_year, OLD.item_code, OLD.title, OLD.file_id, OLD.sha256, OLD.size, OLD.mime,
          OLD.source_entity, OLD.source_id, OLD.published_by, OLD.publisher_position, OLD.created_at,
          OLD.kind, OLD.action, OLD.withdraws, OLD.reason, OLD.chain_link, OLD.visible_from)
     AND (
       (OLD.superseded_by IS NULL AND NEW.superseded_by IS NOT NULL
        AND NEW.withdrawn_by IS NOT DISTINCT FROM OLD.withdrawn_by)
       OR
       (OLD.withdrawn_by IS NULL AND NEW.withdrawn_by IS NOT NULL
        AND (NEW.superseded_by, NEW.superseded_at, NEW.supersede_reason)
            IS NOT DISTINCT FROM (OLD.superseded_by, OLD.superseded_at, OLD.supersede_reason))
     )
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'publications are immutable: they can only be superseded or withdrawn, once';
END
$$ LANGUAGE plpgsql;
