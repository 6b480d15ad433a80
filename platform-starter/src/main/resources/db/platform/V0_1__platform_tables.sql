-- Platform tables every service with a database has: the transactional outbox and the record of processed
-- events. Both are tenant-owned and under Row-Level Security; the outbox relay reads across tenants in the
-- explicit platform scope (app.scope = 'platform').

alter default privileges in schema public grant select, insert, update, delete on tables to ${runtime_role};
alter default privileges in schema public grant usage, select on sequences to ${runtime_role};
grant usage on schema public to ${runtime_role};

create table outbox (
    seq          bigint generated always as identity,
    id           uuid primary key,
    tenant_id    uuid not null,
    topic        text not null,
    message_key  text not null,
    event_type   text not null,
    subject      text not null,
    payload      jsonb not null,
    created_at   timestamptz not null default clock_timestamp(),
    sent_at      timestamptz
);
create index outbox_unsent on outbox (seq) where sent_at is null;
create index outbox_tenant on outbox (tenant_id, created_at desc, id);
create index outbox_sent on outbox (sent_at) where sent_at is not null;

create table processed_events (
    consumer     text not null,
    event_id     uuid not null,
    tenant_id    uuid not null,
    event_type   text not null,
    processed_at timestamptz not null default clock_timestamp(),
    primary key (consumer, event_id)
);
create index processed_events_tenant on processed_events (tenant_id, processed_at desc);

alter table outbox enable row level security;
alter table outbox force row level security;
create policy outbox_isolation on outbox
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or current_setting('app.scope', true) = 'platform')
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or current_setting('app.scope', true) = 'platform');

alter table processed_events enable row level security;
alter table processed_events force row level security;
create policy processed_events_isolation on processed_events
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or current_setting('app.scope', true) = 'platform')
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or current_setting('app.scope', true) = 'platform');
