-- A tenant-owned table that the test consumer writes its effects to, under RLS like any service table.
create table effects (
    id         uuid primary key,
    tenant_id  uuid not null,
    event_id   uuid not null,
    note       text not null,
    created_at timestamptz not null default clock_timestamp()
);
create index effects_tenant on effects (tenant_id, created_at desc, id);
alter table effects enable row level security;
alter table effects force row level security;
create policy effects_isolation on effects
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
