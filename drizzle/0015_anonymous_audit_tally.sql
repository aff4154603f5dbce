CREATE TABLE "audit_anonymous_tally" (
	"org_id" integer NOT NULL,
	"day" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "audit_anonymous_tally_org_id_day_action_entity_pk" PRIMARY KEY("org_id","day","action","entity")
);
