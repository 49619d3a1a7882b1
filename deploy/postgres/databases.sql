-- Databases beside the case service's (POSTGRES_DB): the Open311 adapter keeps its service requests apart.
CREATE DATABASE open311;
