-- release-service: local views of tenants and pipelines, environments, releases, deployments with their pipeline
-- runs and approvals. Every table is tenant-owned and under Row-Level Security (DESIGN.md §3); event consumers
-- work in each event's own tenant.

-- What release-service knows of each tenant, from cygnetci.tenants.v1 (warmed from tenant-service at start).
create table tenants (
    tenant_id            uuid primary key,
    slug                 text not null,
    active               boolean not null,
    deleted              boolean not null default false,
    deployments_per_hour integer not null,
    updated_at           timestamptz not null default clock_timestamp()
);

-- What release-service knows of each pipeline, from cygnetci.pipelines.v1: which ids a release may name.
create table pipelines (
    pipeline_id uuid primary key,
    tenant_id   uuid not null,
    name        text not null,
    deleted     boolean not null default false,
    updated_at  timestamptz not null default clock_timestamp()
);
create index pipelines_tenant on pipelines (tenant_id, pipeline_id);

-- A tenant's stages, in promotion order (position 1 first).
create table environments (
    id                 uuid primary key,
    tenant_id          uuid not null,
    name               text not null,
    description        text,
    position           integer not null,
    required_approvals integer not null default 0 check (required_approvals between 0 and 10),
    freeze_from        timestamptz,
    freeze_until       timestamptz,
    freeze_reason      text,
    created_at         timestamptz not null default clock_timestamp(),
    updated_at         timestamptz not null default clock_timestamp(),
    check ((freeze_until is null) = (freeze_reason is null)),
    -- deferred: reordering moves several environments in one transaction
    constraint environments_position unique (tenant_id, position) deferrable initially deferred
);
create unique index environments_name on environments (tenant_id, lower(name));

-- A release is a snapshot: nothing in a row changes after creation but its status.
create table releases (
    id          uuid primary key,
    tenant_id   uuid not null,
    name        text not null,
    version     text not null,
    notes       text,
    -- [{pipeline_id, name}] as they were when the release was created
    pipelines   jsonb not null,
    -- [{name, uri, sha256}]
    artifacts   jsonb not null,
    status      text not null check (status in ('created', 'in_progress', 'completed')),
    created_by  uuid,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    unique (tenant_id, name, version)
);
create index releases_tenant on releases (tenant_id, created_at desc, id);

create table deployments (
    id                 uuid primary key,
    -- request order within the database: "the newest deployment" never depends on two timestamps differing
    seq                bigint generated always as identity,
    tenant_id          uuid not null,
    release_id         uuid not null references releases (id),
    environment_id     uuid not null references environments (id),
    environment_name   text not null,
    status             text not null check (status in ('awaiting_approval', 'running', 'succeeded', 'failed',
                                                       'rejected', 'cancelled')),
    reason             text,
    required_approvals integer not null,
    requested_by       uuid,
    created_at         timestamptz not null,
    started_at         timestamptz,
    finished_at        timestamptz
);
create index deployments_tenant on deployments (tenant_id, created_at desc, id);
create index deployments_release on deployments (release_id, created_at desc, id);
-- the environment lock: one deployment at a time waits for approval or runs there
create unique index deployments_environment_lock on deployments (environment_id)
    where status in ('awaiting_approval', 'running');

-- One row per pipeline of a deployment; the execution pipeline-service started for it, and how it ended.
create table deployment_runs (
    deployment_id uuid not null references deployments (id),
    pipeline_id   uuid not null,
    tenant_id     uuid not null,
    pipeline_name text not null,
    execution_id  uuid,
    status        text not null default 'pending'
                  check (status in ('pending', 'queued', 'running', 'succeeded', 'failed', 'cancelled',
                                    'timed_out', 'not_started')),
    reason        text,
    updated_at    timestamptz not null default clock_timestamp(),
    primary key (deployment_id, pipeline_id)
);

create table approvals (
    deployment_id uuid not null references deployments (id),
    user_id       uuid not null,
    tenant_id     uuid not null,
    decision      text not null check (decision in ('approved', 'rejected')),
    comment       text,
    created_at    timestamptz not null,
    primary key (deployment_id, user_id)
);

do $$
declare
    t text;
begin
    foreach t in array array['tenants', 'pipelines', 'environments', 'releases', 'deployments', 'deployment_runs',
                             'approvals'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format($p$create policy %I on %I
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                   or current_setting('app.scope', true) = 'platform')
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                   or current_setting('app.scope', true) = 'platform')$p$, t || '_isolation', t);
    end loop;
end $$;
