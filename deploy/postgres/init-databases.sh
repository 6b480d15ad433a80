#!/usr/bin/env bash
# First start of the docker-compose PostgreSQL: one database per service, owned by <db>_owner (Flyway migrates as
# it), and a login role <db>_app the service runs as, neither superuser nor owner (Row-Level Security applies to it).
# Passwords come from the environment (.env); nothing secret is in this file.
set -euo pipefail

create() { # database, password
  local db=$1 password=$2
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<-SQL
	create role ${db}_owner login nosuperuser nocreatedb nocreaterole nobypassrls password '${password}';
	create role ${db}_app login nosuperuser nocreatedb nocreaterole nobypassrls password '${password}';
	create database ${db} owner ${db}_owner;
	\connect ${db}
	revoke all on schema public from public;
	alter schema public owner to ${db}_owner;
	grant connect on database ${db} to ${db}_app;
	SQL
}

create tenant_service "$TENANT_SERVICE_DB_PASSWORD"
create agent_service "$AGENT_SERVICE_DB_PASSWORD"
create pipeline_service "$PIPELINE_SERVICE_DB_PASSWORD"
create release_service "$RELEASE_SERVICE_DB_PASSWORD"
create monitoring_service "$MONITORING_SERVICE_DB_PASSWORD"
