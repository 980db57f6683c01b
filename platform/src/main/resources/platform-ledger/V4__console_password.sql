-- Console passwords. A web console that listens beyond its own machine (console --bind) signs
-- its users in with a password an admin set ('user password NAME'); only the password's
-- bcrypt hash is kept, with when and by whom it was set.
CREATE TABLE console_password (
    name    VARCHAR(128) PRIMARY KEY,
    hash    VARCHAR(128) NOT NULL,
    set_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    set_by  VARCHAR(128) NOT NULL
);
