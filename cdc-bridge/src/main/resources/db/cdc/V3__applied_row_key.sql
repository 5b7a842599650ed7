-- The bridge keeps any table pair of an extraction descriptor in step, not one table: the applied positions are
-- kept per topic (one per table pair and direction) and row key.
alter table applied rename column payment_id to row_key;
