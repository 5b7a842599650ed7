-- The CDC bridge's own bookkeeping, in its own schema (strangler_cdc) of each target database. It lives beside
-- the rows it describes so that one transaction writes both: a batch's rows, the position of each payment's last
-- applied change, and the Kafka offsets consumed. A crash leaves all three or none.

-- The last change applied per payment: an older or repeated change is skipped. apply_count counts the changes
-- applied (tests use it to prove that no change was applied twice).
create table applied (
    topic            varchar(200) not null,
    payment_id       bigint       not null,
    position         bigint       not null,
    kafka_partition  integer      not null,
    apply_count      integer      not null,
    applied_at       timestamptz  not null,
    primary key (topic, payment_id)
);
create index applied_partition_idx on applied (topic, kafka_partition);

-- Where the applier resumes: the next offset to read per partition.
create table consumer_offsets (
    topic            varchar(200) not null,
    kafka_partition  integer      not null,
    next_offset      bigint       not null,
    updated_at       timestamptz  not null,
    primary key (topic, kafka_partition)
);
