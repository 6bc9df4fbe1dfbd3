-- placeholder, replaced below
CREATE TABLE audit_log (id bigserial PRIMARY KEY);
