-- monitoring-service: tenants' health checks and their results; read models built from the other services' events
-- (agents, pipelines, executions, releases, members); the activity feed; usage windows for billing. Every table is
-- tenant-owned and under Row-Level Security (DESIGN.md §3); consumers and schedulers work in each row's own tenant,
-- or platform-wide where they pick work across tenants.

-- What monitoring-service knows of each tenant, from cygnetci.tenants.v1: the checks of an inactive tenant pause.
create table tenants (
    tenant_id  uuid primary key,
    active     boolean not null,
    deleted    boolean not null default false,
    updated_at timestamptz not null default clock_timestamp()
);

-- ---- health checks

create table services (
    id                   uuid primary key,
    tenant_id            uuid not null,
    name                 text not null,
    kind                 text not null check (kind in ('http', 'tcp')),
    url                  text,
    expected_status      integer,
    body_contains        text,
    host                 text,
    port                 integer check (port between 1 and 65535),
    interval_seconds     integer not null check (interval_seconds between 5 and 86400),
    timeout_ms           integer not null check (timeout_ms between 100 and 60000),
    warning_threshold_ms integer not null check (warning_threshold_ms >= 1),
    enabled              boolean not null default true,
    status               text not null default 'unknown' check (status in ('unknown', 'healthy', 'warning', 'down')),
    last_response_ms     integer,
    last_error           text,
    last_checked_at      timestamptz,
    next_check_at        timestamptz not null,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    check ((kind = 'http') = (url is not null)),
    check ((kind = 'tcp') = (host is not null and port is not null))
);
create unique index services_name on services (tenant_id, lower(name));
create index services_tenant on services (tenant_id, created_at desc, id);
-- the scheduler's question: which checks are due
create index services_due on services (next_check_at) where enabled;

create table check_results (
    id          uuid primary key,
    service_id  uuid not null references services (id) on delete cascade,
    tenant_id   uuid not null,
    status      text not null check (status in ('healthy', 'warning', 'down')),
    response_ms integer,
    error       text,
    checked_at  timestamptz not null
);
create index check_results_service on check_results (tenant_id, service_id, checked_at desc, id);
create index check_results_age on check_results (checked_at);

-- ---- read models from the other services' events

create table agents (
    agent_id      uuid primary key,
    tenant_id     uuid not null,
    name          text not null,
    status        text not null,
    disabled      boolean not null default false,
    deleted       boolean not null default false,
    -- agent minutes: online time is metered up to here
    metered_until timestamptz,
    changed_at    timestamptz not null
);
create index agents_tenant on agents (tenant_id, status);
create index agents_online on agents (metered_until) where status = 'online' and not deleted;

create table pipelines (
    pipeline_id uuid primary key,
    tenant_id   uuid not null,
    name        text not null,
    deleted     boolean not null default false,
    changed_at  timestamptz not null
);
create index pipelines_tenant on pipelines (tenant_id) where not deleted;

create table releases (
    release_id uuid primary key,
    tenant_id  uuid not null,
    name       text not null,
    version    text not null,
    status     text not null,
    changed_at timestamptz not null
);
create index releases_tenant on releases (tenant_id, status);

create table members (
    tenant_id uuid not null,
    user_id   uuid not null,
    role      text not null,
    primary key (tenant_id, user_id)
);

-- Counters that change once per event (each event applied once: processed_events guards them).
create table execution_counts (
    tenant_id uuid primary key,
    total     bigint not null default 0,
    succeeded bigint not null default 0,
    failed    bigint not null default 0,
    cancelled bigint not null default 0,
    timed_out bigint not null default 0
);

-- ---- activity feed: one row per event, keyed by the event's id (a redelivery inserts nothing)

create table activity (
    id          uuid primary key,
    seq         bigint generated always as identity unique,
    tenant_id   uuid not null,
    kind        text not null check (kind in ('agent', 'pipeline', 'execution', 'release', 'deployment', 'service',
                                              'member')),
    severity    text not null check (severity in ('info', 'success', 'warning', 'error')),
    message     text not null,
    subject_id  uuid,
    -- when the event happened
    created_at  timestamptz not null,
    -- when this row was written: what the live stream polls by (an event may be older than its row)
    recorded_at timestamptz not null default clock_timestamp()
);
create index activity_tenant on activity (tenant_id, created_at desc, id);
create index activity_tenant_kind on activity (tenant_id, kind, created_at desc, id);
create index activity_age on activity (created_at);
create index activity_recorded on activity (recorded_at, tenant_id);

-- ---- usage for billing: one row per tenant, meter and window; published once the window has closed

create table usage_windows (
    tenant_id    uuid not null,
    meter        text not null check (meter in ('build_minutes', 'agent_minutes', 'deployments', 'api_requests')),
    window_start timestamptz not null,
    window_end   timestamptz not null,
    quantity     numeric(20, 3) not null default 0,
    -- the id of the usage record: the same for every publication of this window
    record_id    uuid not null unique,
    published_at timestamptz,
    primary key (tenant_id, meter, window_start)
);
create index usage_windows_unpublished on usage_windows (window_end) where published_at is null;

do $$
declare
    t text;
begin
    foreach t in array array['tenants', 'services', 'check_results', 'agents', 'pipelines', 'releases', 'members',
                             'execution_counts', 'activity', 'usage_windows'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format($p$create policy %I on %I
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                   or current_setting('app.scope', true) = 'platform')
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                   or current_setting('app.scope', true) = 'platform')$p$, t || '_isolation', t);
    end loop;
end $$;

