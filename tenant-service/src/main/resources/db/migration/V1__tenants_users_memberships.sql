-- tenant-service schema. tenants, memberships and audit_events are tenant-owned and under Row-Level Security
-- (app.tenant_id); users are the platform's identities, shared by all tenants, and are not (ADR 0002).

create table tenants (
    id                   uuid primary key,
    slug                 text not null,
    display_name         text not null,
    description          text,
    contact_email        text,
    contact_phone        text,
    address              text,
    logo_url             text,
    settings             jsonb not null default '{}'::jsonb,
    max_users            integer not null default 50,
    max_agents           integer not null default 10,
    max_pipelines        integer not null default 100,
    requests_per_minute  integer not null default 1000,
    deployments_per_hour integer not null default 100,
    executions_per_hour  integer not null default 50,
    active               boolean not null default true,
    created_at           timestamptz not null default clock_timestamp(),
    updated_at           timestamptz not null default clock_timestamp(),
    created_by           uuid
);
create unique index tenants_slug on tenants (slug);
create index tenants_listing on tenants (created_at desc, id desc);

create table users (
    id             uuid primary key,
    email          text not null,
    display_name   text,
    password_hash  text not null,
    platform_admin boolean not null default false,
    created_at     timestamptz not null default clock_timestamp(),
    updated_at     timestamptz not null default clock_timestamp()
);
create unique index users_email on users (lower(email));

create table memberships (
    tenant_id  uuid not null references tenants (id),
    user_id    uuid not null references users (id),
    role       text not null check (role in ('tenant_admin', 'member', 'viewer')),
    is_default boolean not null default false,
    created_at timestamptz not null default clock_timestamp(),
    updated_at timestamptz not null default clock_timestamp(),
    primary key (tenant_id, user_id)
);
create index memberships_listing on memberships (tenant_id, created_at desc, user_id desc);
create index memberships_user on memberships (user_id, tenant_id);
-- at most one default tenant per user
create unique index memberships_one_default on memberships (user_id) where is_default;

create table audit_events (
    id             uuid primary key,
    tenant_id      uuid not null,
    actor_id       uuid,
    actor_email    text,
    action         text not null,
    target_type    text not null,
    target_id      text,
    details        jsonb not null default '{}'::jsonb,
    client_address text,
    created_at     timestamptz not null default clock_timestamp()
);
create index audit_events_listing on audit_events (tenant_id, created_at desc, id desc);

-- Row-Level Security -------------------------------------------------------------------------------------------

alter table tenants enable row level security;
alter table tenants force row level security;
-- a tenant's own context, the platform scope, or a user looking at the tenants they belong to
create policy tenants_read on tenants for select using (
    id = nullif(current_setting('app.tenant_id', true), '')::uuid
    or current_setting('app.scope', true) = 'platform'
    or id in (select m.tenant_id from memberships m
              where m.user_id = nullif(current_setting('app.user_id', true), '')::uuid));
create policy tenants_insert on tenants for insert
    with check (current_setting('app.scope', true) = 'platform');
create policy tenants_update on tenants for update
    using (id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or current_setting('app.scope', true) = 'platform')
    with check (id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or current_setting('app.scope', true) = 'platform');
create policy tenants_delete on tenants for delete
    using (current_setting('app.scope', true) = 'platform');

alter table memberships enable row level security;
alter table memberships force row level security;
create policy memberships_read on memberships for select using (
    tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
    or user_id = nullif(current_setting('app.user_id', true), '')::uuid
    or current_setting('app.scope', true) = 'platform');
create policy memberships_insert on memberships for insert with check (
    tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
    or current_setting('app.scope', true) = 'platform');
-- a user may move their own default flag; everything else is the tenant's
create policy memberships_update on memberships for update
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or user_id = nullif(current_setting('app.user_id', true), '')::uuid
           or current_setting('app.scope', true) = 'platform')
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or user_id = nullif(current_setting('app.user_id', true), '')::uuid
           or current_setting('app.scope', true) = 'platform');
create policy memberships_delete on memberships for delete using (
    tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
    or current_setting('app.scope', true) = 'platform');

alter table audit_events enable row level security;
alter table audit_events force row level security;
create policy audit_events_isolation on audit_events
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or current_setting('app.scope', true) = 'platform')
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or current_setting('app.scope', true) = 'platform');
