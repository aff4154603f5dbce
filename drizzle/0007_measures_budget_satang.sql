-- Money is integer satang: a measure's budget moves from numeric baht to bigint satang. The
-- amounts already recorded are converted (baht × 100), not dropped; null stays null
-- (ไม่ใช้งบประมาณ).
ALTER TABLE "measures" ADD COLUMN "budget_satang" bigint;--> statement-breakpoint
UPDATE "measures" SET "budget_satang" = round("budget" * 100)::bigint WHERE "budget" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "measures" DROP COLUMN "budget";
