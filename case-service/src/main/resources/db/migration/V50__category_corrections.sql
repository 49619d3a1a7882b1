-- Operators' corrections of a case's category: labelled examples for the routing model. A row names the case, the
-- categories before and after, who and when; the texts it labels stay in case_contacts, so an erasure or the retention
-- purge that empties them leaves nothing of the citizen here.
CREATE TABLE category_corrections (
    id            uuid PRIMARY KEY,
    case_id       uuid         NOT NULL REFERENCES cases (id),
    from_category varchar(64)  NOT NULL,
    to_category   varchar(64)  NOT NULL,
    corrected_by  varchar(128) NOT NULL,
    corrected_at  timestamptz  NOT NULL
);
CREATE INDEX category_corrections_by_case ON category_corrections (case_id, corrected_at);
