-- Executions a release deployment started are found by their deployment (to cancel them with it).
create index executions_deployment on executions (tenant_id, deployment_id) where deployment_id is not null;
