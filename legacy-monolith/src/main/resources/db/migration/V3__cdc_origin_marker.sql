-- CDC support for the strangler migration. The CDC bridge writes payment changes made in the payment service back
-- into this table, and must not capture its own writes again (a change would bounce between the databases for
-- ever). It marks its transactions with `set local strangler.origin = 'cdc-bridge'`; this trigger stamps that
-- marker on every row written, so the bridge's capture can skip them. The shop's own writes get null.
alter table payments add column cdc_origin varchar(20);

-- [jooq ignore start]
create function payments_stamp_cdc_origin() returns trigger language plpgsql as $$
begin
    new.cdc_origin := nullif(current_setting('strangler.origin', true), '');
    return new;
end
$$;

create trigger payments_stamp_cdc_origin
    before insert or update on payments
    for each row execute function payments_stamp_cdc_origin();
-- [jooq ignore stop]
