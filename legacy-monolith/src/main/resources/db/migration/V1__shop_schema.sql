-- The shop's one shared schema. Every feature reads and writes these tables directly: that is the legacy.

create table customers (
    id          bigserial primary key,
    email       varchar(200) not null,
    name        varchar(200) not null,
    created_at  timestamptz  not null default now(),
    constraint customers_email_key unique (email)
);

create table products (
    id          bigserial primary key,
    sku         varchar(40)   not null,
    name        varchar(200)  not null,
    price       numeric(12,2) not null,
    currency    varchar(3)    not null default 'EUR',
    created_at  timestamptz   not null default now(),
    constraint products_sku_key unique (sku),
    constraint products_price_check check (price >= 0)
);

create table inventory (
    product_id  bigint      not null primary key references products (id),
    stock       integer     not null,
    updated_at  timestamptz not null default now(),
    constraint inventory_stock_check check (stock >= 0)
);

-- status: AWPY awaiting payment, PAID, CANC cancelled
create table orders (
    id           bigserial primary key,
    customer_id  bigint        not null references customers (id),
    status       varchar(4)    not null,
    total        numeric(12,2) not null,
    currency     varchar(3)    not null,
    created_at   timestamptz   not null default now(),
    updated_at   timestamptz   not null default now()
);
create index orders_customer_id_idx on orders (customer_id);
create index orders_created_at_idx on orders (created_at);

create table order_lines (
    id          bigserial primary key,
    order_id    bigint        not null references orders (id),
    product_id  bigint        not null references products (id),
    quantity    integer       not null,
    unit_price  numeric(12,2) not null,
    line_total  numeric(12,2) not null,
    constraint order_lines_quantity_check check (quantity > 0)
);
create index order_lines_order_id_idx on order_lines (order_id);

-- status: AUTH authorized, CAPT captured, PRFD partially refunded, RFND refunded, DECL declined, VOID voided.
-- card_number holds the raw PAN (test cards only): the PCI problem the extraction removes.
create table payments (
    id               bigserial primary key,
    order_id         bigint        not null references orders (id),
    amount           numeric(12,2) not null,
    currency         varchar(3)    not null,
    status           varchar(4)    not null,
    captured_amount  numeric(12,2) not null default 0,
    refunded_amount  numeric(12,2) not null default 0,
    psp_reference    varchar(100),
    card_number      varchar(19)   not null,
    created_at       timestamptz   not null default now(),
    updated_at       timestamptz   not null default now()
);
create index payments_order_id_idx on payments (order_id);

-- An audit trail of what happened to a payment, written by whoever touched it.
create table payment_events (
    id          bigserial primary key,
    payment_id  bigint        not null references payments (id),
    event_type  varchar(20)   not null,
    amount      numeric(12,2),
    note        varchar(200),
    created_at  timestamptz   not null default now()
);
create index payment_events_payment_id_idx on payment_events (payment_id);
