-- When the SLA check first found the case past its due time: each case counts once in ascolto_cases_sla_breached_total.
ALTER TABLE cases ADD COLUMN sla_breached_at timestamptz;
-- cases already past their SLA breached before this version: they are not counted again as new breaches
UPDATE cases SET sla_breached_at = sla_due_at
    WHERE sla_due_at < now() AND (status IN ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_CITIZEN') OR resolved_at > sla_due_at);
CREATE INDEX cases_sla_unbreached ON cases (sla_due_at) WHERE sla_breached_at IS NULL;
