-- pipeline-service: local views of tenants and agents, pipelines, executions with their steps, and step logs.
-- Every table is tenant-owned and under Row-Level Security (DESIGN.md §3); work across tenants (event consumers,
-- the agent-lost sweep) runs in the explicit platform scope or in each event's own tenant.

-- What pipeline-service knows of each tenant, from cygnetci.tenants.v1 (warmed from tenant-service at start).
create table tenants (
    tenant_id           uuid primary key,
    slug                text not null,
    active              boolean not null,
    deleted             boolean not null default false,
    max_pipelines       integer not null,
    executions_per_hour integer not null,
    updated_at          timestamptz not null default clock_timestamp()
);

-- What pipeline-service knows of each agent, from cygnetci.agents.v1: who may claim which jobs.
create table agents (
    agent_id      uuid primary key,
    tenant_id     uuid not null,
    name          text not null,
    labels        text[] not null default '{}',
    status        text not null,
    disabled      boolean not null default false,
    deleted       boolean not null default false,
    credential_id uuid,
    updated_at    timestamptz not null default clock_timestamp()
);
create index agents_tenant on agents (tenant_id, agent_id);

create table pipelines (
    id           uuid primary key,
    tenant_id    uuid not null,
    name         text not null,
    description  text,
    repository   text,
    ref          text,
    agent_id     uuid,
    agent_labels text[] not null default '{}',
    -- [{name, command, timeout_seconds, continue_on_error, env}], in order
    steps        jsonb not null,
    -- [{name, default, required, secret}]; secret defaults are never answered by the API
    parameters   jsonb not null,
    version      integer not null default 1,
    next_number  bigint not null default 1,
    created_by   uuid,
    created_at   timestamptz not null default clock_timestamp(),
    updated_at   timestamptz not null default clock_timestamp(),
    unique (tenant_id, name)
);
create index pipelines_tenant on pipelines (tenant_id, created_at desc, id);

create table executions (
    id                  uuid primary key,
    tenant_id           uuid not null,
    pipeline_id         uuid not null,
    pipeline_name       text not null,
    pipeline_version    integer not null,
    number              bigint not null,
    status              text not null
                        check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out')),
    reason              text,
    repository          text,
    ref                 text,
    -- what may claim it: this agent, or (without one) any agent carrying every label
    agent_id            uuid,
    agent_labels        text[] not null default '{}',
    -- {name: value} as triggered, defaults applied, in the pipeline's order (json keeps it, jsonb would not);
    -- secret values are never answered by the API
    parameters          json not null,
    secret_names        text[] not null default '{}',
    claimed_by          uuid,
    retry_of            uuid,
    release_id          uuid,
    deployment_id       uuid,
    environment_id      uuid,
    triggered_by        uuid,
    cancel_requested_at timestamptz,
    created_at          timestamptz not null,
    started_at          timestamptz,
    finished_at         timestamptz,
    duration_ms         bigint,
    unique (tenant_id, pipeline_id, number)
);
create index executions_tenant on executions (tenant_id, created_at desc, id);
create index executions_pipeline on executions (tenant_id, pipeline_id, created_at desc, id);
create index executions_queue on executions (tenant_id, created_at, id) where status = 'queued';
create index executions_running on executions (claimed_by) where status = 'running';

create table execution_steps (
    execution_id      uuid not null,
    idx               integer not null,
    tenant_id         uuid not null,
    name              text not null,
    command           text not null,
    timeout_seconds   integer not null,
    continue_on_error boolean not null,
    env               jsonb not null,
    status            text not null default 'pending'
                      check (status in ('pending', 'running', 'succeeded', 'failed', 'timed_out', 'cancelled',
                                        'skipped')),
    exit_code         integer,
    started_at        timestamptz,
    finished_at       timestamptz,
    duration_ms       bigint,
    -- bytes of output the runner sent (the offset protocol counts these) and bytes kept (masked, capped)
    log_received      bigint not null default 0,
    log_stored        bigint not null default 0,
    log_truncated     boolean not null default false,
    primary key (execution_id, idx)
);

-- Append-only chunks of a step's output; start is the chunk's position in the stored log.
create table step_log_chunks (
    execution_id uuid not null,
    idx          integer not null,
    start        bigint not null,
    tenant_id    uuid not null,
    content      bytea not null,
    primary key (execution_id, idx, start)
);

do $$
declare
    t text;
begin
    foreach t in array array['tenants', 'agents', 'pipelines', 'executions', 'execution_steps', 'step_log_chunks'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format($p$create policy %I on %I
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                   or current_setting('app.scope', true) = 'platform')
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                   or current_setting('app.scope', true) = 'platform')$p$, t || '_isolation', t);
    end loop;
end $$;
