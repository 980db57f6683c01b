-- Who may do what: operating-system user names mapped to roles (admin, archivist, operator,
-- auditor), one row per role a user holds. 'init' makes the initialising user admin; an admin
-- adds the others with 'user add NAME --role ROLE'.
CREATE TABLE platform_user (
    name      VARCHAR(128) NOT NULL,
    role      VARCHAR(20) NOT NULL,
    added_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    added_by  VARCHAR(128) NOT NULL,
    PRIMARY KEY (name, role)
);
