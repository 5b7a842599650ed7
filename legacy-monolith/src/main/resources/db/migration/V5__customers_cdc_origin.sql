-- CDC support for the customers extraction (extractions/customers.yaml), as V3 did for payments: customers created
-- in the customer service are written into this table by the CDC bridge (orders and reports keep reading it), and the
-- bridge must not capture its own writes again. Its transactions set `strangler.origin`; this trigger stamps it on
-- every row written, so that the bridge's capture skips them. The shop's own writes get null.
alter table customers add column cdc_origin varchar(20);

-- [jooq ignore start]
create function customers_stamp_cdc_origin() returns trigger language plpgsql as $$
begin
    new.cdc_origin := nullif(current_setting('strangler.origin', true), '');
    return new;
end
$$;

create trigger customers_stamp_cdc_origin
    before insert or update on customers
    for each row execute function customers_stamp_cdc_origin();
-- [jooq ignore stop]
