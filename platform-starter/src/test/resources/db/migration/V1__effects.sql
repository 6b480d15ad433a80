-- The test service's own tenant-owned table: the effects its event consumer applies. Like every service table it
-- leads its index with tenant_id and is under Row-Level Security (ENABLE + FORCE) on app.tenant_id.
-- There is deliberately no unique constraint on event_id: applying an event once is ProcessedEvents' job.
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
