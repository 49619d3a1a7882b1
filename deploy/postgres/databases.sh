#!/usr/bin/env bash
# Run once by the postgres image on its first start (docker-entrypoint-initdb.d): one database per service, each owned
# by a role of its own with the password compose passes in, and closed to every other role (no CONNECT for PUBLIC).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v cases_user="$CASES_DB_USER" -v cases_password="$CASES_DB_PASSWORD" \
  -v open311_user="$OPEN311_DB_USER" -v open311_password="$OPEN311_DB_PASSWORD" \
  -v whatsapp_user="$WHATSAPP_DB_USER" -v whatsapp_password="$WHATSAPP_DB_PASSWORD" \
  -v email_user="$EMAIL_DB_USER" -v email_password="$EMAIL_DB_PASSWORD" \
  -v meta_user="$META_DB_USER" -v meta_password="$META_DB_PASSWORD" \
  -v keyring_user="$KEYRING_DB_USER" -v keyring_password="$KEYRING_DB_PASSWORD" <<'SQL'
CREATE ROLE :"cases_user" LOGIN PASSWORD :'cases_password';
CREATE DATABASE ascolto OWNER :"cases_user";
REVOKE ALL ON DATABASE ascolto FROM PUBLIC;
-- the Open311 adapter's read model of service requests
CREATE ROLE :"open311_user" LOGIN PASSWORD :'open311_password';
CREATE DATABASE open311 OWNER :"open311_user";
REVOKE ALL ON DATABASE open311 FROM PUBLIC;
-- the WhatsApp adapter's replies taken on, each sent once
CREATE ROLE :"whatsapp_user" LOGIN PASSWORD :'whatsapp_password';
CREATE DATABASE whatsapp OWNER :"whatsapp_user";
REVOKE ALL ON DATABASE whatsapp FROM PUBLIC;
-- the email adapter's replies taken on, each sent once
CREATE ROLE :"email_user" LOGIN PASSWORD :'email_password';
CREATE DATABASE email OWNER :"email_user";
REVOKE ALL ON DATABASE email FROM PUBLIC;
-- the Meta adapter's Facebook and Instagram replies taken on, each sent once
CREATE ROLE :"meta_user" LOGIN PASSWORD :'meta_password';
CREATE DATABASE meta OWNER :"meta_user";
REVOKE ALL ON DATABASE meta FROM PUBLIC;
-- the citizens' data keys, wrapped by the master key: the services that seal or open records share it, and the case
-- service, which erases keys, migrates its schema
CREATE ROLE :"keyring_user" LOGIN PASSWORD :'keyring_password';
CREATE DATABASE keyring OWNER :"keyring_user";
REVOKE ALL ON DATABASE keyring FROM PUBLIC;
SQL
