-- Every applied change updates its payment's row here, in the same transaction as the payment itself. Leave room
-- on each page and index nothing that changes, so that PostgreSQL can update in place (a HOT update: no index entry
-- to write). Measured on 5,000-row batches: 110 ms -> 30 ms for this table's share of a batch. The partition index
-- served only truncates, which now scan this (small, per topic) table instead.
alter table applied set (fillfactor = 50);
drop index applied_partition_idx;
