-- The operator's work list: open cases urgent first ('URGENT' > 'NORMAL'), then by SLA due time, then id, for all
-- queues (a supervisor) and per queue (an operator), so a page is read from the index however many cases there are;
-- resolved and closed cases, the bulk of the table over time, stay out of both.
CREATE INDEX cases_open_by_due ON cases (priority DESC, sla_due_at ASC NULLS LAST, id)
    WHERE status IN ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_CITIZEN');
CREATE INDEX cases_open_by_queue_due ON cases (queue, priority DESC, sla_due_at ASC NULLS LAST, id)
    WHERE status IN ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_CITIZEN');
