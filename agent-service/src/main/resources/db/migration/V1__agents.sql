-- agent-service: its local view of tenants, per-tenant agent settings, registration tokens and agents.
-- Every table is tenant-owned and under Row-Level Security (DESIGN.md §3); cross-tenant work (finding a
-- registration token by its hash, the heartbeat writer, the liveness detector) runs in the explicit platform scope.

-- What agent-service knows of each tenant, from cygnetci.tenants.v1 (warmed from tenant-service at start).
create table tenants (
    tenant_id   uuid primary key,
    slug        text not null,
    active      boolean not null,
    deleted     boolean not null default false,
    max_agents  integer not null,
    updated_at  timestamptz not null default clock_timestamp()
);

create table agent_settings (
    tenant_id                  uuid primary key,
    heartbeat_interval_seconds integer not null check (heartbeat_interval_seconds between 1 and 3600),
    offline_after_seconds      integer check (offline_after_seconds between 2 and 86400),
    updated_at                 timestamptz not null default clock_timestamp(),
    updated_by                 uuid
);

create table registration_tokens (
    id            uuid primary key,
    tenant_id     uuid not null,
    description   text not null,
    token_hash    bytea not null unique,
    token_prefix  text not null,
    created_by    uuid,
    created_at    timestamptz not null default clock_timestamp(),
    expires_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    registrations integer not null default 0
);
create index registration_tokens_tenant on registration_tokens (tenant_id, created_at desc, id);

create table agents (
    id                    uuid primary key,
    tenant_id             uuid not null,
    agent_uuid            uuid not null,
    name                  text not null,
    hostname              text,
    os                    text,
    arch                  text,
    location              text,
    labels                text[] not null default '{}',
    version               text,
    -- liveness: never_connected, online, offline, stale; "disabled" is the flag below and wins when shown
    status                text not null default 'never_connected'
                          check (status in ('never_connected', 'online', 'offline', 'stale')),
    status_changed_at     timestamptz not null,
    disabled              boolean not null default false,
    pending_action        text check (pending_action in ('stop')),
    credential_id         uuid not null,
    registration_token_id uuid,
    last_seen_at          timestamptz,
    cpu_percent           real,
    memory_percent        real,
    disk_percent          real,
    running_jobs          integer,
    created_at            timestamptz not null default clock_timestamp(),
    updated_at            timestamptz not null default clock_timestamp(),
    unique (tenant_id, agent_uuid)
);
create index agents_tenant on agents (tenant_id, created_at desc, id);
create index agents_online on agents (last_seen_at) where status = 'online';
create index agents_offline on agents (status_changed_at) where status = 'offline';
create index agents_labels on agents using gin (labels);

do $$
declare
    t text;
begin
    foreach t in array array['tenants', 'agent_settings', 'registration_tokens', 'agents'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format($p$create policy %I on %I
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                   or current_setting('app.scope', true) = 'platform')
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                   or current_setting('app.scope', true) = 'platform')$p$, t || '_isolation', t);
    end loop;
end $$;
