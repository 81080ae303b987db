-- Abuse limits that every node must see (contract §7).

-- Failed logins since the last success, per user ('user', user id) and per client address ('ip', address).
CREATE TABLE login_failures (
    kind            TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    failures        INTEGER NOT NULL,
    last_failure_at BIGINT  NOT NULL,
    PRIMARY KEY (kind, subject)
);

-- REST rate-limit windows on PostgreSQL (one node on SQLite counts in memory): calls in the window that began
-- at window_start, per route, method and client address.
CREATE TABLE rate_limits (
    bucket       TEXT    PRIMARY KEY,
    window_start BIGINT  NOT NULL,
    hits         INTEGER NOT NULL
);
CREATE INDEX rate_limits_by_start ON rate_limits (window_start);
