-- The checkout saga of the remote payment mode (shop.payments.mode=remote). Once payments live in their own
-- service, checkout is no longer one transaction: the order is written first (AWPY, i.e. pending payment), the
-- payment service is asked, and the order is then confirmed (PAID) or compensated (stock back, CANC).
-- state: AUTHORIZING (asked, no answer yet), UNKNOWN (the answer was lost: recovery asks the service),
-- CONFIRMED, COMPENSATED. No foreign key to orders: the seeder truncates orders on its own.
create table checkout_sagas (
    order_id         bigint       primary key,
    idempotency_key  varchar(100) not null,
    state            varchar(12)  not null,
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now()
);
create index checkout_sagas_state_idx on checkout_sagas (state, updated_at);
