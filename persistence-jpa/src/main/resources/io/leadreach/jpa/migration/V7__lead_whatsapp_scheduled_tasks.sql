-- The task table of db-scheduler (DbSchedulerEngineScheduler): campaign ticks keyed by campaign id,
-- and the recurring jobs, with heartbeats so another node revives the work of a dead one.
-- Columns and indexes follow db-scheduler's reference DDL (postgresql_tables.sql, mariadb_tables.sql);
-- the table has LeadReach's prefix so it never meets a host's own db-scheduler `scheduled_tasks`.

CREATE TABLE lead_whatsapp_scheduled_tasks (
    task_name                VARCHAR(100)  NOT NULL,
    task_instance            VARCHAR(100)  NOT NULL,
    task_data                ${binary},
    execution_time           ${timestamp}  NOT NULL,
    picked                   BOOLEAN       NOT NULL,
    picked_by                VARCHAR(50),
    last_success             ${timestamp}  NULL,
    last_failure             ${timestamp}  NULL,
    consecutive_failures     INT,
    last_heartbeat           ${timestamp}  NULL,
    version                  BIGINT        NOT NULL,
    priority                 SMALLINT,
    PRIMARY KEY (task_name, task_instance)
)${table_options};

CREATE INDEX lwa_scheduled_tasks_execution_time ON lead_whatsapp_scheduled_tasks (execution_time);
CREATE INDEX lwa_scheduled_tasks_last_heartbeat ON lead_whatsapp_scheduled_tasks (last_heartbeat);
CREATE INDEX lwa_scheduled_tasks_priority ON lead_whatsapp_scheduled_tasks (priority DESC, execution_time ASC);
