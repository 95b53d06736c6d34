ALTER TABLE "roster_records" DROP CONSTRAINT "roster_records_roster_id_rosters_id_fk";
