-- Let PostgreSQL update a payment in place (a HOT update: no new entry in any index) when its status stays.
--
-- The index on (status, updated_at) served one query, the reaper's search for PENDING payments not touched for a
-- while. But every write of a payment moves updated_at, and PostgreSQL can update a row in place only when no indexed
-- column changes: so every update (a PSP attempt counted, a capture, a refund, each change the CDC bridge applies) wrote
-- a new entry in all five indexes. The reaper needs the PENDING rows only, which are few (payments in flight): a
-- partial index over them finds them without indexing updated_at.
drop index payments_status_updated_idx;
-- [jooq ignore start]
create index payments_pending_idx on payments (id) where status = 'PENDING';
-- Room on each page for a payment's next versions: an in-place update needs free space on the row's own page.
-- Measured with the CDC bridge's batches (5,000 payments updated per transaction, PostgreSQL 18, 2 cores): 2.4 s for
-- 200,000 upserts with the old index, 2.0-2.4 s with the partial index alone (pages full: 1-9% in place), 1.6 s with
-- both (70-75% in place). Applies to pages written from now on.
alter table payments set (fillfactor = 70);
-- [jooq ignore stop]
