-- The span that wrote the outbox row, next to its trace id: the CDC bridge's capture span becomes its child, so the
-- change's way through Kafka joins the request's trace under the operation that caused it. Nullable: rows written
-- outside a traced request (and every row before this migration) have none.
alter table outbox add column span_id varchar(16);
