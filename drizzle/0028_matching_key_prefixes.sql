-- Each registry row's key prefixes (the first 4 bytes of each key it has), kept by the database
-- so intake reads all of them as one value without decoding 4M hex keys per upload (ADR 0006a,
-- eighth pass; matching.seeds.ts loadRegistryPrefixes).
ALTER TABLE "child_match_keys" ADD COLUMN "key_prefixes" "bytea" GENERATED ALWAYS AS (coalesce(decode(left(id_key, 8), 'hex'), ''::bytea) || coalesce(decode(left(name_birth_key, 8), 'hex'), ''::bytea) || coalesce(decode(left(father_key, 8), 'hex'), ''::bytea) || coalesce(decode(left(mother_key, 8), 'hex'), ''::bytea)) STORED;