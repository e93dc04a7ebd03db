-- Orleans ADO.NET grain persistence. One row per (service, grain, state name); version is the ETag.
CREATE TABLE IF NOT EXISTS OrleansStorage (
    grainidhash integer NOT NULL,
    grainidn0 bigint NOT NULL,
    grainidn1 bigint NOT NULL,
    graintypehash integer NOT NULL,
    graintypestring varchar(512) NOT NULL,
    grainidextensionstring varchar(512) NULL,
    serviceid varchar(150) NOT NULL,
    payloadbinary bytea NULL,
    modifiedon timestamptz NOT NULL DEFAULT now(),
    version integer NULL
);

-- Unique over the full identity (NULL extension = NULL extension) so two racing first writes cannot both
-- insert: a duplicate would make every later read fail. The losing ON CONFLICT DO NOTHING yields NULL,
-- which Orleans turns into InconsistentStateException.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_identity
    ON OrleansStorage (serviceid, grainidhash, graintypehash, grainidn0, grainidn1, graintypestring, grainidextensionstring)
    NULLS NOT DISTINCT;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$
SELECT payloadbinary AS PayloadBinary, version AS Version
  FROM OrleansStorage
 WHERE serviceid = @ServiceId AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
   AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
   AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),
-- Always exactly one row: the new version on success; the sent version (update missed) or NULL
-- (insert blocked by an existing row) on failure, both of which Orleans reports as a conflict.
('WriteToStorageKey', $q$
WITH inserted AS (
    INSERT INTO OrleansStorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
                                grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           @GrainIdExtensionString, @ServiceId, @PayloadBinary, now(), 1
     WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
), updated AS (
    UPDATE OrleansStorage
       SET payloadbinary = @PayloadBinary, modifiedon = now(), version = version + 1
     WHERE @GrainStateVersion IS NOT NULL
       AND serviceid = @ServiceId AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
       AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
       AND version = @GrainStateVersion
    RETURNING version
)
SELECT CASE WHEN @GrainStateVersion IS NULL THEN (SELECT version FROM inserted)
            ELSE COALESCE((SELECT version FROM updated), @GrainStateVersion)
       END AS NewGrainStateVersion
$q$),
('ClearStorageKey', $q$
UPDATE OrleansStorage
   SET payloadbinary = NULL, modifiedon = now(), version = version + 1
 WHERE serviceid = @ServiceId AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
   AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
   AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
   AND version = @GrainStateVersion
RETURNING version
$q$),
('DeleteStorageKey', $q$
DELETE FROM OrleansStorage
 WHERE serviceid = @ServiceId AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
   AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
   AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
   AND version = @GrainStateVersion
RETURNING version + 1
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
