-- Settings an operator changes while the shop runs, read by the shop every second. The first one is the payment
-- seam's switch (payments.mode: in-process | remote): the migration playbook flips it at decommission, so the shop
-- moves its payments to the extracted service without a restart, and a rollback flips it back.
create table shop_settings (
    name        varchar(100) primary key,
    value       varchar(200) not null,
    updated_at  timestamptz  not null default now()
);
