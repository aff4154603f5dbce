CREATE TABLE "queue_holidays" (
	"org_id" integer NOT NULL,
	"day" date NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "queue_holidays_org_id_day_pk" PRIMARY KEY("org_id","day")
);
--> statement-breakpoint
CREATE TABLE "queue_settings" (
	"org_id" integer PRIMARY KEY NOT NULL,
	"allow_online" boolean DEFAULT false NOT NULL,
	"board_recent" integer DEFAULT 6 NOT NULL,
	"kiosk_return_seconds" integer DEFAULT 20 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD COLUMN "target_counter_id" integer;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD COLUMN "phone_hash" text;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD COLUMN "device_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "queue_tickets_one_per_phone" ON "queue_tickets" USING btree ("org_id","phone_hash") WHERE phone_hash IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "queue_tickets_one_per_device" ON "queue_tickets" USING btree ("org_id","device_hash") WHERE device_hash IS NOT NULL;